import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { recordAudit } from "@/lib/audit";
import { listAuditEvents } from "@/lib/audit/queries";
import { pruneAuditEvents } from "@/lib/audit/retention";
import { updateAlertSettings } from "@/lib/alerts";
import { createIntegration } from "@/lib/integrations";
import { ownerContext, withRole } from "@/tests/fixtures";
import { GET as listChannels, POST as createChannel } from "../alert-channels/route";
import { GET as listNotifications } from "../notifications/route";
import { GET } from "./route";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve({}) as Promise<never> });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

describe("/api/v1/audit-events", () => {
  it("lists the tenant's events newest first with actor, target, IP and redacted details, filtered and paged by cursor", async () => {
    const owner = await ownerContext();
    const other = await ownerContext("globex");
    const integration = await createIntegration(
      { ...owner, actor: { ...owner.actor, ip: "203.0.113.7" } },
      {
        name: "Billing",
        provider: "custom_rest",
        auth_type: "bearer",
        base_url: "https://billing.example.com",
        credentials: { token: "tok-123456789" },
      },
    );
    await createIntegration(other, { name: "Theirs", provider: "custom_rest", auth_type: "none", base_url: "https://theirs.example.com" });
    const { key, id: keyId } = await createApiKey(owner, { name: "Auditor", scopes: ["audit:read"] });

    const all = await call(GET, key, "/audit-events?limit=100");
    expect(all.status).toBe(200);
    const actions = all.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["integration.created", "api_key.created"]));
    expect(JSON.stringify(all.body)).not.toContain("Theirs");
    expect(JSON.stringify(all.body)).not.toContain("tok-123456789");
    const created = all.body.data.find((e: { action: string }) => e.action === "integration.created");
    expect(created).toMatchObject({
      actor: { type: "user", id: owner.userId, label: owner.actor.label },
      target: { type: "integration", id: integration.id },
      ip: "203.0.113.7",
    });

    const byTarget = await call(GET, key, `/audit-events?target_type=integration&target_id=${integration.id}`);
    expect(byTarget.body.data.map((e: { action: string }) => e.action)).toEqual(["integration.created"]);
    const byPrefix = await call(GET, key, "/audit-events?action=api_key.*");
    expect(byPrefix.body.data.map((e: { target: { id: string } }) => e.target.id)).toEqual([keyId]);
    const search = await call(GET, key, "/audit-events?q=BEARER");
    expect(search.body.data.map((e: { action: string }) => e.action)).toEqual(["integration.created"]);
    const future = await call(GET, key, "/audit-events?since=2999-01-01T00:00:00Z");
    expect(future.body.data).toEqual([]);

    for (let i = 0; i < 5; i++) {
      await recordAudit({ tenantId: owner.tenant.id, actor: { type: "system", label: "Patchbay" }, action: "test.paged", details: { i } });
      // PGlite's clock ticks in milliseconds: two events in one tick would tie and sort by id instead.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await call(GET, key, "/audit-events?action=test.paged&actor_type=system&limit=2");
    const second = await call(GET, key, `/audit-events?action=test.paged&actor_type=system&limit=2&cursor=${first.body.next_cursor}`);
    const third = await call(GET, key, `/audit-events?action=test.paged&actor_type=system&limit=2&cursor=${second.body.next_cursor}`);
    const seen = [...first.body.data, ...second.body.data, ...third.body.data].map((e: { details: { i: number } }) => e.details.i);
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    expect(third.body.next_cursor).toBeNull();

    expect((await call(GET, key, "/audit-events?since=yesterday")).body.error.fields).toHaveProperty("since");
    expect((await call(GET, key, "/audit-events?cursor=bogus")).status).toBe(422);
    const { key: narrow } = await createApiKey(owner, { name: "Narrow", scopes: ["integrations:read"] });
    expect((await call(GET, narrow, "/audit-events")).status).toBe(403);
  });

  it("is for owners and admins only", async () => {
    const owner = await ownerContext();
    await expect(listAuditEvents(withRole(owner, "viewer"))).rejects.toMatchObject({ code: "forbidden" });
    expect((await listAuditEvents(withRole(owner, "admin"))).data.length).toBeGreaterThan(0);
  });

  it("refuses every update and delete in the database itself, except the retention prune and a deleted tenant", async () => {
    const owner = await ownerContext();
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => "allowed",
        (error: Error) => String((error.cause as Error | undefined)?.message),
      );
    expect(await refusal(db().execute(sql`update audit_events set action = 'forged'`))).toBe("audit events are append-only");
    expect(await refusal(db().execute(sql`delete from audit_events`))).toBe("audit events are append-only");

    await updateAlertSettings(owner, { audit_retention_days: 30 });
    await db().execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await db().execute(sql`update audit_events set created_at = now() - interval '40 days' where action = 'tenant.bootstrapped'`);
    await db().execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    const before = await listAuditEvents(owner, { limit: 100 });
    expect(await pruneAuditEvents()).toBe(1);
    const after = await listAuditEvents(owner, { limit: 100 });
    expect(after.data.map((e) => e.action)).not.toContain("tenant.bootstrapped");
    expect(after.data).toHaveLength(before.data.length - 1);

    await db().execute(sql`delete from tenants where id = ${owner.tenant.id}`);
    const left = await db().execute(sql`select count(*)::int as n from audit_events where tenant_id = ${owner.tenant.id}`);
    expect(JSON.stringify(left)).toContain('"n":0');
  });
});

describe("/api/v1/alert-channels and /api/v1/notifications", () => {
  it("creates and lists channels without ever answering the Slack URL, and says when email is not configured", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Alerts", scopes: ["alerts:read", "alerts:write"] });
    const made = await call(createChannel, key, "/alert-channels", {
      method: "POST",
      body: { kind: "slack", name: "#ops", slack_url: "https://hooks.slack.com/services/T000/B000/abcdefghijklmnop" },
    });
    expect(made.status).toBe(201);
    expect(made.text).not.toContain("abcdefghijklmnop");
    const email = await call(createChannel, key, "/alert-channels", {
      method: "POST",
      body: { kind: "email", name: "Ops", email_to: ["ops@example.com"] },
    });
    expect(email.status).toBe(422);
    expect(email.body.error.message).toContain("Email is not configured");
    const list = await call(listChannels, key, "/alert-channels");
    expect(list.body.data.map((c: { kind: string }) => c.kind)).toEqual(["in_app", "slack"]);
    expect(list.text).not.toContain("abcdefghijklmnop");
    const inbox = await call(listNotifications, key, "/notifications");
    expect(inbox).toMatchObject({ status: 200, body: { data: [], next_cursor: null } });
  });
});
