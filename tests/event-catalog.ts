import { expect } from "vitest";
import { eventDefinition } from "@/lib/webhooks/catalog";

/** An emitted outbox event is what the webhook event catalog promises subscribers. */
export function expectCatalogued(event: { type: string; payload: unknown } | undefined) {
  expect(event, "the event was emitted").toBeDefined();
  const definition = eventDefinition(event!.type);
  expect(definition, `${event!.type} is in the event catalog`).toBeDefined();
  expect(definition!.schema.safeParse(event!.payload).error?.issues ?? []).toEqual([]);
}
