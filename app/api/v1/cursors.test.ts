import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { healthChecks } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { createIntegration } from "@/lib/integrations";
import { encodeCursor } from "@/lib/pagination";
import { createEndpoint, sendTestEvent } from "@/lib/webhooks";
import { ownerContext } from "@/tests/fixtures";
import { GET as listEvents } from "./integrations/[id]/events/route";
import { GET as listChecks } from "./integrations/[id]/health/checks/route";
import { GET as listLogs } from "./integrations/[id]/logs/route";
import { GET as listHealth } from "./integrations/health/route";
import { GET as listIntegrations } from "./integrations/route";
import { GET as listDeliveries } from "./webhooks/[id]/deliveries/route";
import { GET as listEndpoints } from "./webhooks/route";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function get(handler: Handler, key: string, path: string, params: object = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  const res = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  return { status: res.status, body: await res.json() };
}

// Each is well-formed base64url JSON, the kind a caller gets by editing a real cursor.
const FORGED = {
  "id that is not a uuid": encodeCursor(["2026-01-01T00:00:00.000000", "1; drop table integrations"]),
  "rank that is not a number": encodeCursor(["worst", "Stripe", randomUUID()]),
  "too few parts": encodeCursor([randomUUID()]),
  "not JSON": "e30x",
  // The right shape, but values PostgreSQL refuses: past int4, NUL in text, past bigint.
  "rank out of range": encodeCursor([9999999999, "x", randomUUID()]),
  "NUL in the key": encodeCursor(["2026-01-01T00:00:00.000000\u0000", randomUUID()]),
  "NUL in the name": encodeCursor([1, "Stripe\u0000", randomUUID()]),
  "lone surrogate in the key": encodeCursor(["Stripe\ud800", randomUUID()]),
  "serial id out of range": encodeCursor(["2026-01-01T00:00:00.000000", 99999999999999999999]),
};

describe("list cursors", () => {
  it("answer 422 naming the cursor for a forged one on every list, never reaching the database as a bad value", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Lists", scopes: ["integrations:read", "webhooks:read"] });
    const integration = await createIntegration(owner, {
      name: "Shop",
      provider: "custom_rest",
      environment: "production",
      auth_type: "none",
      base_url: "https://shop.example.com",
    });
    const endpoint = await createEndpoint(owner, { url: "https://erp.example.com/hooks" });
    const lists: [string, Handler, string, object?][] = [
      ["integrations", listIntegrations as Handler, "/integrations"],
      ["request log", listLogs as Handler, `/integrations/${integration.id}/logs`, { id: integration.id }],
      ["health checks", listChecks as Handler, `/integrations/${integration.id}/health/checks`, { id: integration.id }],
      ["received events", listEvents as Handler, `/integrations/${integration.id}/events`, { id: integration.id }],
      ["health overview", listHealth as Handler, "/integrations/health"],
      ["endpoints", listEndpoints as Handler, "/webhooks"],
      ["deliveries", listDeliveries as Handler, `/webhooks/${endpoint.id}/deliveries`, { id: endpoint.id }],
    ];
    const answers: string[] = [];
    for (const [list, handler, path, params] of lists) {
      for (const [kind, cursor] of Object.entries(FORGED)) {
        const { status, body } = await get(handler, key, `${path}?cursor=${cursor}`, params);
        answers.push(`${list} / ${kind}: ${status} ${body.error?.fields?.cursor ? "names cursor" : JSON.stringify(body).slice(0, 80)}`);
      }
    }
    expect(answers).toEqual(lists.flatMap(([list]) => Object.keys(FORGED).map((kind) => `${list} / ${kind}: 422 names cursor`)));

    // Lists keyed by an instant take only the instant they hand out; other lists compare their key as text, where any text is a position.
    const instants: Record<string, (string | number)[]> = {
      "not a date": ["yesterday", randomUUID()],
      "year zero": ["0000-01-01T00:00:00Z", randomUUID()],
      "ISO with milliseconds": ["2026-01-01T00:00:00.000Z", randomUUID()],
      "year zero, fixed width": ["0000-01-01T00:00:00.000000", randomUUID()],
      "month 13": ["2026-13-01T00:00:00.000000", randomUUID()],
      "30 February": ["2026-02-30T00:00:00.000000", randomUUID()],
    };
    const byInstant = lists.filter(([list]) => ["request log", "received events", "endpoints", "deliveries"].includes(list));
    const instantAnswers: string[] = [];
    for (const [list, handler, path, params] of byInstant) {
      for (const [kind, values] of Object.entries(instants)) {
        const { status, body } = await get(handler, key, `${path}?cursor=${encodeCursor(values)}`, params);
        instantAnswers.push(
          `${list} / ${kind}: ${status} ${body.error?.fields?.cursor ? "names cursor" : JSON.stringify(body).slice(0, 80)}`,
        );
      }
    }
    expect(instantAnswers).toEqual(
      byInstant.flatMap(([list]) => Object.keys(instants).map((kind) => `${list} / ${kind}: 422 names cursor`)),
    );
  });

  it("still follow the cursors the lists hand out", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Lists", scopes: ["integrations:read", "webhooks:read"] });
    const integrationIds: string[] = [];
    for (const name of ["Alpha", "Beta"]) {
      const integration = await createIntegration(owner, {
        name,
        provider: "custom_rest",
        environment: "production",
        auth_type: "none",
        base_url: "https://shop.example.com",
      });
      integrationIds.push(integration.id);
      await createEndpoint(owner, { url: `https://${name.toLowerCase()}.example.com/hooks` });
    }
    const checked = integrationIds[0]!;
    // Two checks in the same millisecond, apart by microseconds: a millisecond cursor would skip one.
    await db()
      .insert(healthChecks)
      .values(
        ["2026-01-01T00:00:00.000100Z", "2026-01-01T00:00:00.000200Z"].map((at) => ({
          tenantId: owner.tenant.id,
          integrationId: checked,
          source: "schedule" as const,
          outcome: "success" as const,
          scheduledAt: sql`${at}::timestamptz`,
          checkedAt: sql`${at}::timestamptz`,
        })),
      );
    const endpoint = await createEndpoint(owner, { url: "https://gamma.example.com/hooks" });
    await sendTestEvent(owner, endpoint.id);
    await sendTestEvent(owner, endpoint.id);
    for (const [handler, path, params] of [
      [listIntegrations, "/integrations?sort=created_at"],
      [listHealth, "/integrations/health?"],
      [listEndpoints, "/webhooks?"],
      [listDeliveries, `/webhooks/${endpoint.id}/deliveries?`, { id: endpoint.id }],
      [listChecks, `/integrations/${checked}/health/checks?`, { id: checked }],
    ] as [Handler, string, object?][]) {
      const first = await get(handler, key, `${path}&limit=1`, params);
      expect(first.body.next_cursor, path).toEqual(expect.any(String));
      const second = await get(handler, key, `${path}&limit=1&cursor=${first.body.next_cursor}`, params);
      expect(second.status, path).toBe(200);
      expect(second.body.data, path).toHaveLength(1);
      expect(second.body.data[0], path).not.toEqual(first.body.data[0]);
    }

    // Endpoints created within one millisecond, microseconds apart: paging one at a time reaches every one.
    await db().execute(sql`update webhook_endpoints set created_at = '2026-01-01T00:00:00.000100Z' where url like 'https://alpha.%'`);
    await db().execute(sql`update webhook_endpoints set created_at = '2026-01-01T00:00:00.000200Z' where url like 'https://beta.%'`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { url: string }[]; next_cursor: string | null } } = await get(
        listEndpoints as Handler,
        key,
        `/webhooks?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.body.data.map((e) => e.url));
      cursor = page.body.next_cursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(["https://gamma.example.com/hooks", "https://beta.example.com/hooks", "https://alpha.example.com/hooks"]);
  });
});
