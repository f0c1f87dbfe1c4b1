import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { integrations, records, syncStreams } from "@/db/schema";
import { createIntegration } from "@/lib/integrations";
import { completeAuthorization, startConnect } from "@/lib/oauth";
import { pushConnectorStream } from "@/lib/sync/connector-push";
import { addConnectorStreams } from "@/lib/sync/connector-streams";
import { upsertRecords } from "@/lib/sync/records";
import { updateStream } from "@/lib/sync/streams";
import { withTenant } from "@/lib/tenancy/data";
import { listRecords } from "@/lib/sync/entities";
import { executeRun } from "@/lib/sync/executor";
import { getRun, listRunErrors, startSync } from "@/lib/sync/run-service";
import { ownerContext } from "@/tests/fixtures";
import { googleCalendarPeer } from "@/tests/peers/google-calendar-peer";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { signInAndConsent, startOidcProvider, type OidcPeer } from "@/tests/peers/oidc-provider";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

// Google's authorization server is played by the OIDC peer: only the catalog entry's OAuth endpoints move, not the code under test.
const oauthAt = vi.hoisted(() => ({ authorizeUrl: "", tokenUrl: "" }));
vi.mock("@/lib/providers", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/providers")>();
  const getProvider: typeof actual.getProvider = (key) => {
    const entry = actual.getProvider(key);
    if (!entry?.oauth || key !== "google_calendar") return entry;
    return { ...entry, oauth: { ...entry.oauth, ...oauthAt, revokeUrl: undefined, scopes: ["openid"] } };
  };
  return { ...actual, getProvider };
});

const peer = loopbackPeers();
const ORIGIN = "http://patchbay.test";
const SECRET = "gcal-peer-client-secret-0123456789";
const oauthPeers: OidcPeer[] = [];
afterEach(async () => {
  await Promise.all(oauthPeers.splice(0).map((p) => p.close()));
});

async function setup(calendarId?: string) {
  const oauth = await startOidcProvider({
    clients: [{ clientId: "patchbay", clientSecret: SECRET, auth: "client_secret_post", redirectUris: [`${ORIGIN}/api/oauth/callback`] }],
  });
  oauthPeers.push(oauth);
  Object.assign(oauthAt, { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl });
  const gcal = googleCalendarPeer(calendarId);
  const base = await peer(gcal.handler);
  const ctx = await ownerContext();
  const integration = await createIntegration(ctx, {
    name: "Agenda",
    provider: "google_calendar",
    auth_type: "oauth2",
    base_url: base,
    credentials: { client_id: "patchbay", client_secret: SECRET },
    config: calendarId ? { path_params: { calendarId } } : {},
  });
  const started = await startConnect(ctx, integration.id, {}, ORIGIN);
  if (started.kind !== "authorize") throw new Error("expected an authorization URL");
  const back = await signInAndConsent(started.authorization_url, { login: "alice" });
  const outcome = await completeAuthorization(
    { state: back.searchParams.get("state"), code: back.searchParams.get("code"), error: null, errorDescription: null },
    ctx.userId!,
  );
  expect(outcome).toMatchObject({ ok: true });
  const [stream] = await addConnectorStreams(ctx, integration.id);
  const queue = async (type?: "full" | "incremental") =>
    (await startSync(ctx, integration.id, { stream_id: stream!.id, ...(type ? { type } : {}) })).id;
  const run = async (type?: "full" | "incremental") => {
    const id = await queue(type);
    await executeRun(ctx, id, { maxInlineRateLimitWaitSeconds: 5 });
    return getRun(ctx, id);
  };
  const checkpoint = async () => (await db().select().from(syncStreams).where(eq(syncStreams.id, stream!.id)))[0]!.checkpoint;
  return { ctx, gcal, integration, stream: stream!, queue, run, checkpoint };
}

type Ctx = Awaited<ReturnType<typeof ownerContext>>;
const events = (ctx: Ctx, actions?: string) =>
  listRecords(ctx, "calendar_event", { limit: 100, ...(actions ? { actions } : {}) }).then((p) => p.data);
const eventData = async (ctx: Ctx, id: string) =>
  (await listRecords(ctx, "calendar_event", { q: id, limit: 100 })).data.find((r) => r.external_id === id)?.data;

describe("the Google Calendar connector", () => {
  it("adds an events stream feeding the calendar_event entity", async () => {
    const { stream } = await setup();
    expect(stream).toMatchObject({ entity: "calendar_event", mode: "incremental", source: { connector: "events" } });
  });

  it("pages a full run with pageToken, 250 a page, with the access token, and keeps the last page's nextSyncToken", async () => {
    const { ctx, gcal, run, checkpoint } = await setup();
    for (let i = 0; i < 600; i++) gcal.add({ attendees: [{ email: `buyer${i}@example.com`, responseStatus: "accepted" }] });
    const allDay = gcal.add({ summary: "Open house", start: { date: "2026-12-06" }, end: { date: "2026-12-07" }, location: "Main St 5" });
    const done = await run("full");
    expect(done).toMatchObject({ status: "completed", pages: 3, counts: { processed: 601, created: 601, failed: 0 } });
    const [first, second, third] = gcal.state.requests;
    expect(first!.query).toEqual({ maxResults: "250" });
    expect(second!.query).toEqual({ maxResults: "250", pageToken: expect.any(String) });
    expect(third!.query.pageToken).not.toBe(second!.query.pageToken);
    expect(gcal.state.requests.every((r) => r.path === "primary" && r.query.syncToken === undefined)).toBe(true);
    expect(gcal.state.auth.every((a) => /^Bearer \S+$/.test(a) && !a.includes(SECRET))).toBe(true);
    // Only the last page carries a sync token: that is the stream's checkpoint.
    expect(await checkpoint()).toMatchObject({ token: expect.stringMatching(/=601$/), since: allDay.updated });
    expect(await eventData(ctx, allDay.id)).toMatchObject({
      title: "Open house",
      starts_at: "2026-12-06T00:00:00.000Z",
      ends_at: "2026-12-07T00:00:00.000Z",
      location: "Main St 5",
      status: "confirmed",
    });
    const timed = gcal.events[0]!.event;
    expect(await eventData(ctx, timed.id)).toMatchObject({
      title: timed.summary,
      starts_at: "2026-12-05T09:00:00.000Z",
      ends_at: "2026-12-05T10:00:00.000Z",
      attendees: [{ email: "buyer0@example.com", responseStatus: "accepted" }],
      updated_at: timed.updated,
    });
  });

  it("reads another calendar when the integration names one", async () => {
    const { gcal, run } = await setup("team@group.calendar.google.com");
    gcal.add({});
    expect(await run("full")).toMatchObject({ status: "completed", counts: { created: 1 } });
    expect(gcal.state.requests[0]!.path).toBe("team@group.calendar.google.com");
  });

  it("runs incrementally from the sync token: changes, additions and a cancelled event as a delete", async () => {
    const { ctx, gcal, run, checkpoint } = await setup();
    const [a, b] = [gcal.add({}), gcal.add({}), gcal.add({})];
    await run("full");
    const token = ((await checkpoint()) as { token: string }).token;
    gcal.change(a!.id, { summary: "Viewing moved" });
    gcal.cancel(b!.id);
    const added = gcal.add({ summary: "New viewing" });
    const incremental = await run();
    expect(incremental).toMatchObject({ type: "incremental", status: "completed" });
    expect(incremental.counts).toMatchObject({ processed: 3, created: 1, updated: 1, deleted: 1 });
    expect(gcal.state.requests.at(-1)!.query).toEqual({ maxResults: "250", syncToken: token, showDeleted: "true" });
    expect((await events(ctx, "deleted")).map((r) => r.external_id)).toEqual([b!.id]);
    const rows = await events(ctx);
    expect(rows.find((r) => r.external_id === a!.id)?.data).toMatchObject({ title: "Viewing moved" });
    expect(rows.find((r) => r.external_id === added.id)?.data).toMatchObject({ title: "New viewing" });
    // The incremental run's own last page left a newer token.
    expect(((await checkpoint()) as { token: string }).token).not.toBe(token);
    expect(await run()).toMatchObject({ type: "incremental", counts: { processed: 0 } });
  });

  it("turns an incremental run into a full resync on 410 Gone, says so, and marks what is gone deleted", async () => {
    const { ctx, gcal, run, checkpoint } = await setup();
    const [a, b] = [gcal.add({}), gcal.add({})];
    await run("full");
    // Gone without a trace the incremental feed could show: only a full read finds it missing.
    gcal.events.splice(
      gcal.events.findIndex((e) => e.event.id === b!.id),
      1,
    );
    gcal.expireTokens();
    const done = await run();
    expect(done).toMatchObject({ type: "full", status: "completed", counts: { deleted: 1, unchanged: 1 } });
    expect(done.status_reason).toMatch(
      /410 Gone: Sync token is no longer valid, a full sync is required\. \(fullSyncRequired\)\).*reads every event instead/,
    );
    expect(gcal.state.requests.slice(-2).map((r) => r.query.syncToken ?? null)).toEqual([expect.any(String), null]);
    expect((await events(ctx, "deleted")).map((r) => r.external_id)).toEqual([b!.id]);
    expect((await events(ctx)).map((r) => r.external_id)).toContain(a!.id);
    expect(((await checkpoint()) as { token: string }).token).toMatch(/=\d+$/);
    expect(await run()).toMatchObject({ type: "incremental", status: "completed", status_reason: null });
  });

  it("reads everything when the stream's checkpoint holds no sync token", async () => {
    const { gcal, run, stream, checkpoint } = await setup();
    gcal.add({});
    await db()
      .update(syncStreams)
      .set({ checkpoint: { since: "2026-11-01T00:00:00.000Z" } })
      .where(eq(syncStreams.id, stream.id));
    const done = await run("incremental");
    expect(done).toMatchObject({ type: "full", status: "completed", counts: { created: 1 } });
    expect(done.status_reason).toMatch(/no sync token for this stream yet.*reads every event instead/);
    expect(gcal.state.requests.map((r) => r.query.syncToken ?? null)).toEqual([null]);
    expect(await checkpoint()).toMatchObject({ token: expect.any(String) });
  });

  it("fails a run on a 401 with a reconnect message, and the integration then needs reconnecting", async () => {
    const { ctx, gcal, run, integration } = await setup();
    gcal.add({});
    gcal.state.revoked = true;
    const failed = await run("full");
    expect(failed.status).toBe("failed");
    expect(failed.status_reason).toMatch(
      /Google refused the access token \(401\): Request had invalid authentication credentials.*\(authError\).*Reconnect the integration/,
    );
    const [row] = await db().select().from(integrations).where(eq(integrations.id, integration.id));
    expect(row?.connectionStatus).toBe("expired");
    expect(await events(ctx)).toHaveLength(0);
  });

  it.each([
    ["429", "429"],
    ["403 userRateLimitExceeded", "userRateLimitExceeded"],
  ] as const)("puts a run rate limited with %s back in the queue, and resumes it at the refused page", async (_name, kind) => {
    const { ctx, gcal, queue } = await setup();
    for (let i = 0; i < 300; i++) gcal.add({});
    gcal.state.throttleOn.set(2, kind);
    const id = await queue("full");
    await executeRun(ctx, id, { maxInlineRateLimitWaitSeconds: 5 });
    const waiting = await getRun(ctx, id);
    expect(waiting).toMatchObject({ status: "queued", pages: 1, counts: { created: 250 } });
    expect(waiting.status_reason).toMatch(/^Rate limited by the provider/);
    await executeRun(ctx, id);
    expect(await getRun(ctx, id)).toMatchObject({ status: "completed", pages: 2, counts: { created: 300 } });
    const [, refused, resumed] = gcal.state.requests;
    expect(resumed!.query).toEqual(refused!.query);
    expect(resumed!.query.pageToken).toEqual(expect.any(String));
  });

  it("pushes events from other sources: creates, patches with If-Match, and keeps a 412 as a conflict on the record", async () => {
    const { ctx, gcal, integration, stream, run } = await setup();
    gcal.add({});
    await run("full");
    await updateStream(ctx, integration.id, stream.id, { direction: "bidirectional" });
    const bookings = { type: "import" as const, id: "bookings.csv" };
    const write = (data: Record<string, unknown>) =>
      withTenant(ctx, (tx) =>
        upsertRecords(tx, ctx, { entityKey: "calendar_event", source: bookings, rows: [{ externalId: "B-1", data }] }),
      );
    const booking = {
      title: "Viewing: flat 4",
      starts_at: "2026-12-09T14:00:00.000Z",
      ends_at: "2026-12-09T14:30:00.000Z",
      location: "Flat 4",
    };
    await write(booking);
    const recordOf = async () => (await db().select().from(records).where(eq(records.externalId, "B-1")))[0]!;

    const created = await pushConnectorStream(ctx, integration.id, stream.id);
    // The event read from Google itself is not echoed back.
    expect(created).toMatchObject({ type: "push", status: "completed", counts: { processed: 1, created: 1 } });
    expect(gcal.state.pushed[0]).toMatchObject({
      method: "POST",
      id: null,
      body: { summary: "Viewing: flat 4", location: "Flat 4", start: { dateTime: booking.starts_at }, end: { dateTime: booking.ends_at } },
    });
    const remoteId = (await recordOf()).remoteIds[stream.id]!;
    const remote = gcal.events.find((e) => e.event.id === remoteId)!.event;
    expect(remote).toMatchObject({ summary: "Viewing: flat 4" });
    expect((await recordOf()).remoteVersions[stream.id]).toBe(remote.etag);
    expect(await pushConnectorStream(ctx, integration.id, stream.id)).toMatchObject({ status: "completed", counts: { processed: 0 } });

    await write({ ...booking, title: "Viewing: flat 4 (with parking)" });
    expect(await pushConnectorStream(ctx, integration.id, stream.id)).toMatchObject({ status: "completed", counts: { updated: 1 } });
    const patched = gcal.state.pushed.at(-1)!;
    expect(patched).toMatchObject({ method: "PATCH", id: remoteId, ifMatch: expect.stringMatching(/^"\d+"$/) });
    expect(remote.summary).toBe("Viewing: flat 4 (with parking)");
    expect((await recordOf()).remoteVersions[stream.id]).toBe(remote.etag);

    // Someone moves the event in Google Calendar, then it changes here too: the etag Patchbay holds is stale.
    gcal.change(remoteId, { location: "Flat 5" });
    await write({ ...booking, title: "Viewing cancelled?" });
    const conflicted = await pushConnectorStream(ctx, integration.id, stream.id);
    expect(conflicted).toMatchObject({ status: "partial", counts: { processed: 1, updated: 0, failed: 0 } });
    expect(conflicted.status_reason).toMatch(/changed at the remote since the last push/);
    expect(remote).toMatchObject({ summary: "Viewing: flat 4 (with parking)", location: "Flat 5" });
    expect((await recordOf()).conflicts[stream.id]).toMatchObject({
      run_id: conflicted.id,
      reason: expect.stringMatching(/Precondition Failed \(conditionNotMet\)/),
    });
    expect((await listRunErrors(ctx, conflicted.id, {})).data).toEqual([expect.objectContaining({ external_id: "B-1", kind: "conflict" })]);
  });
});
