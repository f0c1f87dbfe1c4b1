import { sign } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import { verifyIncoming } from "@/lib/webhooks/incoming/verify";

const SECRET = "octo-hook-secret";
const settings = { scheme: "github" as const, secret: SECRET, header: null, encoding: "hex" as const };
const payload = JSON.stringify({ action: "opened", number: 7 });

describe("github scheme", () => {
  it("accepts a delivery signed by @octokit/webhooks-methods, named by X-GitHub-Delivery and X-GitHub-Event", async () => {
    const headers = new Headers({
      "x-hub-signature-256": await sign(SECRET, payload),
      "x-github-delivery": "d-1",
      "x-github-event": "issues",
    });
    expect(verifyIncoming(settings, headers, payload)).toEqual({ ok: true, eventId: "d-1", eventType: "issues" });
  });

  it("matches the example in GitHub's documentation", () => {
    // https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    const docs = { ...settings, secret: "It's a Secret to Everybody" };
    expect(verifyIncoming(docs, new Headers({ "x-hub-signature-256": signature }), "Hello, World!")).toMatchObject({ ok: true });
  });

  it("refuses an altered body, a wrong secret and a missing or non-SHA-256 header", async () => {
    const headers = new Headers({ "x-hub-signature-256": await sign(SECRET, payload) });
    expect(verifyIncoming(settings, headers, payload.replace("7", "8"))).toMatchObject({ reason: "signature_mismatch" });
    expect(verifyIncoming({ ...settings, secret: "other" }, headers, payload)).toMatchObject({ reason: "signature_mismatch" });
    expect(verifyIncoming(settings, new Headers(), payload)).toMatchObject({ reason: "missing_header" });
    expect(verifyIncoming(settings, new Headers({ "x-hub-signature-256": "sha1=0123" }), payload)).toMatchObject({
      reason: "malformed_header",
    });
  });
});
