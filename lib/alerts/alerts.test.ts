import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { alertAttempts, alertChannels, alertNotifications } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import {
  createChannel,
  listChannels,
  listNotifications,
  markNotificationsRead,
  testChannel,
  unreadCount,
  updateAlertSettings,
} from "./index";
import { ALERT_RETRY_SECONDS, deliverDueNotifications } from "./deliver";
import { runAlertSchedule } from "./schedule";
import { closeMailer } from "./mail";

const smtp = { port: 0 };
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return {
    ...actual,
    env: () => ({
      ...actual.env(),
      allowPrivateNetwork: true,
      publicUrl: "https://patchbay.example.com",
      smtp: { host: "127.0.0.1", port: smtp.port, user: null, password: null, from: "Patchbay <alerts@patchbay.test>", secure: false },
    }),
  };
});

const mails: ParsedMail[] = [];
const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        mails.push(mail);
        callback();
      })
      .catch(callback);
  },
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtp.port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  closeMailer();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const peer = loopbackPeers();
const INTEGRATION = "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

/** A Slack incoming webhook as Slack documents it: JSON with `text`, answered 200 "ok". */
async function slackPeer(status = () => 200) {
  const texts: string[] = [];
  const url = await peer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const code = status();
      if (code === 200) texts.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(code, { "content-type": "text/plain" }).end(code === 200 ? "ok" : "no_service");
    });
  });
  return { url: `${url}/services/T000/B000/secretpart`, texts };
}

async function health(tenantId: string, from: string, to: string, reason = "3 consecutive failures") {
  await emitEvent(tenantId, "integration.health.changed", { id: INTEGRATION, name: "Stripe (production)", from, to, reason });
}

/** What the workers do: dispatch the outbox (routing alerts), then deliver. */
async function pump(now = new Date()) {
  await dispatchOutbox(now);
  await deliverDueNotifications(now);
}

describe("alert channels", () => {
  it("emails an integration going DOWN through a real SMTP server, with a link to it", async () => {
    const owner = await ownerContext();
    await createChannel(owner, { kind: "email", name: "On-call", email_to: ["oncall@acme.test", "ops@acme.test"] });
    await health(owner.tenant.id, "HEALTHY", "DOWN");
    await pump();
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("[Patchbay] Stripe (production) is DOWN");
    expect(mail.from?.text).toContain("alerts@patchbay.test");
    expect([mail.to].flat().map((a) => a?.text)).toEqual(["oncall@acme.test, ops@acme.test"]);
    expect(mail.text).toContain(`https://patchbay.example.com/t/acme/integrations/${INTEGRATION}`);
    const [channel] = (await listChannels(owner)).data.filter((c) => c.kind === "email");
    expect(channel).toMatchObject({ failing: false, last_error: null });
  });

  it("sends an incident to Slack exactly three times: opened, updated, resolved; a repeat of the same phase is not sent", async () => {
    const owner = await ownerContext();
    const slack = await slackPeer();
    const channel = await createChannel(owner, { kind: "slack", name: "#ops", slack_url: slack.url });
    expect(channel).toMatchObject({ has_slack_url: true, slack_url_hint: "••••part" });
    expect(JSON.stringify(channel)).not.toContain("secretpart");

    await health(owner.tenant.id, "HEALTHY", "DOWN");
    await pump();
    await health(owner.tenant.id, "DOWN", "DEGRADED", "1 of 3 checks failed");
    await pump();
    await health(owner.tenant.id, "DOWN", "DEGRADED", "1 of 3 checks failed");
    await pump();
    await health(owner.tenant.id, "DEGRADED", "HEALTHY", "2 consecutive successes");
    await pump();

    expect(slack.texts).toHaveLength(3);
    expect(slack.texts[0]).toContain("*Stripe (production) is DOWN*");
    expect(slack.texts[1]).toContain("*Update: Stripe (production) is DEGRADED*");
    expect(slack.texts[2]).toContain("*Resolved: Stripe (production) recovered*");
    // The in-app channel got the same three, and the bell counts them until the page is read.
    const inbox = await listNotifications(owner);
    expect(inbox.data.map((n) => n.kind)).toEqual(["resolved", "updated", "opened"]);
    expect(await unreadCount(owner)).toBe(3);
    await markNotificationsRead(owner);
    expect(await unreadCount(owner)).toBe(0);
  });

  it("holds alerts during quiet hours and sends one digest after them", async () => {
    const owner = await ownerContext();
    const slack = await slackPeer();
    await createChannel(owner, { kind: "slack", name: "#ops", slack_url: slack.url });
    await updateAlertSettings(owner, { quiet_hours_start: "22:00", quiet_hours_end: "07:00", timezone: "UTC", repeat_interval_minutes: 0 });
    const night = new Date();
    night.setUTCDate(night.getUTCDate() + 1);
    night.setUTCHours(23, 0, 0, 0);
    await health(owner.tenant.id, "HEALTHY", "DOWN");
    await emitEvent(owner.tenant.id, "api_key.expiring", {
      id: "3f1c2b9e-8a53-4f7e-9a0d-2b7c5d1e6f40",
      name: "Deploy pipeline",
      prefix: "pb_live_4Fq9TbX2",
      expires_at: "2026-11-30T23:59:59.999Z",
    });
    await pump(night);
    expect(slack.texts).toHaveLength(0);
    // In-app is not held: it wakes nobody.
    expect((await listNotifications(owner)).data).toHaveLength(2);

    const stillNight = new Date(night.getTime() + 4 * 3600_000);
    await runAlertSchedule(stillNight);
    await deliverDueNotifications(stillNight);
    expect(slack.texts).toHaveLength(0);

    const morning = new Date(night.getTime() + 8.5 * 3600_000);
    await runAlertSchedule(morning);
    await deliverDueNotifications(morning);
    expect(slack.texts).toHaveLength(1);
    expect(slack.texts[0]).toContain("2 alerts during quiet hours");
    expect(slack.texts[0]).toContain("Stripe (production) is DOWN");
    expect(slack.texts[0]).toContain("API key Deploy pipeline expires soon");
    await runAlertSchedule(new Date(morning.getTime() + 60_000));
    await deliverDueNotifications(new Date(morning.getTime() + 60_000));
    expect(slack.texts).toHaveLength(1);
  });

  it("reminds about an incident still open after the repeat interval, once per interval", async () => {
    const owner = await ownerContext();
    const slack = await slackPeer();
    await createChannel(owner, { kind: "slack", name: "#ops", slack_url: slack.url, events: ["webhook_endpoint.failing"] });
    await updateAlertSettings(owner, { repeat_interval_minutes: 60 });
    const start = new Date();
    await emitEvent(owner.tenant.id, "webhook_endpoint.failing", {
      id: "0e5c9a7b-3d21-4f68-b1a4-9c8d7e6f5a43",
      url: "https://erp.example.com/patchbay",
      failing_since: "2026-11-18T09:00:00.000Z",
      disables_at: "2026-11-23T09:00:00.000Z",
    });
    await pump(start);
    for (const minutes of [30, 61, 90]) {
      const at = new Date(start.getTime() + minutes * 60_000);
      await runAlertSchedule(at);
      await deliverDueNotifications(at);
    }
    expect(slack.texts.map((t) => t.split("\n")[0])).toEqual([
      "*Webhook endpoint https://erp.example.com/patchbay is failing*",
      "*Still open: Webhook endpoint https://erp.example.com/patchbay is failing*",
    ]);
  });

  it("retries a failing Slack delivery with backoff, logs each attempt and shows the channel as failing until one succeeds", async () => {
    const owner = await ownerContext();
    let answer = 500;
    const slack = await slackPeer(() => answer);
    const channel = await createChannel(owner, { kind: "slack", name: "#ops", slack_url: slack.url });
    const start = new Date();
    await health(owner.tenant.id, "HEALTHY", "DOWN");
    await pump(start);
    expect((await listChannels(owner)).data.find((c) => c.id === channel.id)).toMatchObject({
      failing: true,
      last_error: "Slack answered 500.",
    });
    // Not due again before its backoff.
    await deliverDueNotifications(new Date(start.getTime() + 1000));
    answer = 200;
    await deliverDueNotifications(new Date(start.getTime() + (ALERT_RETRY_SECONDS[0] + 1) * 1000));
    expect(slack.texts).toHaveLength(1);
    const [sent] = await db().select().from(alertNotifications).where(eq(alertNotifications.channelId, channel.id));
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
    const attempts = await db().select().from(alertAttempts).where(eq(alertAttempts.notificationId, sent!.id));
    expect(attempts.map((a) => [a.attempt, a.success, a.statusCode])).toEqual(
      expect.arrayContaining([
        [1, false, 500],
        [2, true, 200],
      ]),
    );
    expect(JSON.stringify(attempts)).not.toContain("secretpart");
    expect((await listChannels(owner)).data.find((c) => c.id === channel.id)).toMatchObject({ failing: false, last_error: null });
  });

  it("test-sends through a channel and says what happened", async () => {
    const owner = await ownerContext();
    const slack = await slackPeer(() => 404);
    const channel = await createChannel(owner, { kind: "slack", name: "#ops", slack_url: slack.url });
    expect(await testChannel(owner, channel.id)).toEqual({ success: false, error: "Slack answered 404." });
    const email = await createChannel(owner, { kind: "email", name: "Ops", email_to: ["ops@acme.test"] });
    const before = mails.length;
    expect(await testChannel(owner, email.id)).toEqual({ success: true, error: null });
    expect(mails.slice(before).map((m) => m.subject)).toEqual(["[Patchbay] Test notification"]);
  });

  it("follows the rules: a channel hears only the event types it lists", async () => {
    const owner = await ownerContext();
    const slack = await slackPeer();
    await createChannel(owner, { kind: "slack", name: "#keys", slack_url: slack.url, events: ["api_key.expiring"] });
    await health(owner.tenant.id, "HEALTHY", "DOWN");
    await emitEvent(owner.tenant.id, "import.failed", { id: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", error: "Row 3: email is not valid" });
    await pump();
    expect(slack.texts).toEqual([]);
    const inbox = await listNotifications(owner);
    expect(inbox.data.map((n) => n.subject).sort()).toEqual(["An import failed", "Stripe (production) is DOWN"]);
    const channels = await db().select().from(alertChannels).where(eq(alertChannels.tenantId, owner.tenant.id));
    expect(channels.map((c) => c.kind).sort()).toEqual(["in_app", "slack"]);
  });

  it("refuses bad channel input with field messages and writes nothing", async () => {
    const owner = await ownerContext();
    await expect(createChannel(owner, { kind: "slack", name: "", slack_url: "not a url" })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["slack_url"] })]),
    });
    await expect(createChannel(owner, { kind: "webhook", name: "x", endpoint_id: INTEGRATION })).rejects.toMatchObject({
      fields: { endpoint_id: expect.stringContaining("webhook endpoints") },
    });
    expect((await listChannels(owner)).data.map((c) => c.kind)).toEqual(["in_app"]);
  });
});
