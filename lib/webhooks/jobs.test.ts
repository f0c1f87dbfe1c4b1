import { afterAll, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { emitEvent } from "@/lib/audit";
import { startJobs, stopJobs } from "@/lib/jobs/boss";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { createEndpoint } from "./endpoints";
import { WEBHOOK_JOBS } from "./jobs";
import { sendTestEvent } from "./messages";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const peer = loopbackPeers();
afterAll(() => stopJobs());

describe("webhook jobs on pg-boss", () => {
  it("turns an emitted event and a test event into signed deliveries without anyone driving them", async () => {
    const owner = await ownerContext();
    const received: { type: string; id: string }[] = [];
    let secret = "";
    let done: () => void;
    const both = new Promise<void>((resolve) => (done = resolve));
    const url = await peer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const headers = {
          "webhook-id": String(req.headers["webhook-id"]),
          "webhook-timestamp": String(req.headers["webhook-timestamp"]),
          "webhook-signature": String(req.headers["webhook-signature"]),
        };
        const event = new Webhook(secret).verify(body, headers) as { type: string };
        received.push({ type: event.type, id: headers["webhook-id"] });
        res.writeHead(204).end();
        if (received.length === 2) done();
      });
    });
    const endpoint = await createEndpoint(owner, { url });
    secret = endpoint.secret;
    await startJobs({ workers: true, jobs: WEBHOOK_JOBS, pollingIntervalSeconds: 0.5 });
    await emitEvent(owner.tenant.id, "integration.deleted", { id: "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b" });
    await sendTestEvent(owner, endpoint.id);
    await both;
    expect(received.map((r) => r.type).sort()).toEqual(["integration.deleted", "webhook.test"]);
    expect(new Set(received.map((r) => r.id)).size).toBe(2);
  }, 60_000);
});
