import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { RECEIVER_SCHEME_NAMES, RECEIVER_SCHEME_SPECS, RECEIVER_SCHEMES } from "@/lib/webhooks/incoming/schemes";
import { verifyIncoming } from "@/lib/webhooks/incoming/verify";
import { createReceiverSchema } from "@/lib/webhooks/schema";
import { PROVIDER_ADAPTERS } from "./adapters";
import { CATEGORIES, credentialFieldsFor, getProvider, ownOAuthEndpoints, PROVIDERS, publicProvider } from "./index";

describe("provider catalog", () => {
  it("offers the providers admins ask for, each complete, with unique keys", () => {
    expect(PROVIDERS.length).toBeGreaterThanOrEqual(24);
    expect(new Set(PROVIDERS.map((p) => p.key)).size).toBe(PROVIDERS.length);
    for (const name of [
      "Stripe",
      "Razorpay",
      "PayPal",
      "Square",
      "Twilio",
      "Vonage",
      "SendGrid",
      "Mailgun",
      "Postmark",
      "Amazon SES",
      "QuickBooks Online",
      "Xero",
      "Salesforce",
      "HubSpot",
      "Google Calendar",
      "Microsoft 365",
      "Slack",
      "GitHub",
      "Shopify",
      "Zendesk",
      "Custom REST API",
      "Custom OAuth2",
    ]) {
      expect(PROVIDERS.map((p) => p.name)).toContain(name);
    }
    for (const p of PROVIDERS) {
      expect(p.authModes.length, p.key).toBeGreaterThan(0);
      expect(Object.keys(CATEGORIES)).toContain(p.category);
      expect(p.icon.monogram.length, p.key).toBeLessThanOrEqual(2);
      expect(p.baseUrl ?? p.baseUrlHint, p.key).toMatch(/^https:\/\//);
      if (p.authModes.includes("oauth2") && !p.custom) {
        expect(p.oauth?.tokenUrl, p.key).toMatch(/^https:\/\//);
      }
      if (p.authModes.includes("api_key")) expect(p.apiKey, p.key).toBeDefined();
    }
  });

  it("gives sandbox hosts and sandbox OAuth endpoints over https, and says how test mode works where there is no sandbox host", () => {
    const sandboxUrls = PROVIDERS.flatMap((p) => [
      p.sandboxBaseUrl,
      p.sandboxOAuth?.authorizeUrl,
      p.sandboxOAuth?.tokenUrl,
      p.sandboxOAuth?.revokeUrl,
    ]).filter((url): url is string => url !== undefined);
    expect(sandboxUrls.length).toBeGreaterThanOrEqual(9);
    for (const url of sandboxUrls) {
      expect(url).toMatch(/^https:\/\/[^/]+/);
      expect(new URL(url).protocol).toBe("https:");
    }
    for (const p of PROVIDERS) if (p.sandboxOAuth) expect(p.oauth, p.key).toBeDefined();
    expect(Object.fromEntries(PROVIDERS.filter((p) => p.sandboxBaseUrl).map((p) => [p.key, p.sandboxBaseUrl]))).toEqual({
      paypal: "https://api-m.sandbox.paypal.com",
      square: "https://connect.squareupsandbox.com",
      quickbooks: "https://sandbox-quickbooks.api.intuit.com",
    });
    for (const key of ["stripe", "razorpay"]) {
      const served = publicProvider(getProvider(key)!);
      expect(served.sandbox_base_url, key).toBeNull();
      expect(served.sandbox_note, key).toMatch(/test key/);
    }
    expect(publicProvider(getProvider("paypal")!)).toMatchObject({
      sandbox_base_url: "https://api-m.sandbox.paypal.com",
      sandbox_oauth: { token_url: "https://api-m.sandbox.paypal.com/v1/oauth2/token", revoke_url: null },
    });
  });

  it("labels credential fields in the provider's own words and marks which are secret", () => {
    const twilio = credentialFieldsFor(getProvider("twilio")!, "basic");
    expect(twilio).toEqual([
      { name: "username", label: "Account SID", help: expect.any(String), secret: false },
      { name: "password", label: "Auth token", secret: true },
    ]);
    const served = publicProvider(getProvider("stripe")!);
    expect(served).toMatchObject({ key: "stripe", auth_modes: ["api_key"], default_base_url: "https://api.stripe.com" });
    expect(served.credential_fields.api_key?.[0]).toMatchObject({ label: "Secret key", secret: true });
    expect(getProvider("nope")).toBeNull();
  });

  it("leaves name, host, test path and OAuth endpoints of the custom entries to the admin", () => {
    for (const p of PROVIDERS.filter((entry) => entry.custom)) {
      expect({ baseUrl: p.baseUrl, testEndpoint: p.testEndpoint, oauth: p.oauth }, p.key).toEqual({
        baseUrl: null,
        testEndpoint: null,
        oauth: undefined,
      });
    }
    expect(PROVIDERS.filter((p) => p.custom).map((p) => p.key)).toEqual(["custom_rest", "custom_oauth2"]);
    expect(PROVIDERS.filter(ownOAuthEndpoints).map((p) => p.key)).toEqual(["custom_oauth2"]);
  });
});

describe("provider adapters", () => {
  const schemeTestFile = (scheme: string) => {
    const adapter = PROVIDER_ADAPTERS.find((a) => a.receiver.scheme === scheme);
    return adapter ? `lib/providers/${adapter.key}/verify.test.ts` : "lib/webhooks/incoming/verify.test.ts";
  };

  it("belong to catalog entries, one adapter per provider and one receiver scheme per name", () => {
    for (const adapter of PROVIDER_ADAPTERS) expect(getProvider(adapter.key), adapter.key).not.toBeNull();
    expect(new Set(PROVIDER_ADAPTERS.map((a) => a.key)).size).toBe(PROVIDER_ADAPTERS.length);
    expect(new Set(RECEIVER_SCHEMES).size).toBe(RECEIVER_SCHEMES.length);
    expect(new Set(RECEIVER_SCHEME_SPECS.map((s) => s.label)).size).toBe(RECEIVER_SCHEME_SPECS.length);
    expect(RECEIVER_SCHEMES).toEqual(["standard_webhooks", "stripe", "github", "hmac_sha256"]);
    expect(RECEIVER_SCHEME_NAMES).toEqual({
      standard_webhooks: "Standard Webhooks",
      stripe: "Stripe",
      github: "GitHub",
      hmac_sha256: "HMAC-SHA256",
    });
  });

  it("give every receiver scheme a verifier that refuses an unsigned request, and a test of its own", () => {
    for (const scheme of RECEIVER_SCHEMES) {
      const settings = { scheme, secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=", header: "X-Signature", encoding: "hex" as const };
      expect(verifyIncoming(settings, new Headers(), "{}"), scheme).toMatchObject({ ok: false, reason: "missing_header" });
      const file = new URL(`../../${schemeTestFile(scheme)}`, import.meta.url);
      expect(existsSync(file), file.pathname).toBe(true);
      expect(readFileSync(file, "utf8"), file.pathname).toContain(`describe("${scheme} scheme"`);
    }
  });

  it("are what the API accepts and documents for receivers", () => {
    const refused = createReceiverSchema.safeParse({ scheme: "paypal", secret: "s" });
    expect(refused.error?.issues[0]?.message).toBe("Choose standard_webhooks, stripe, github or hmac_sha256.");
    type Create = {
      description: string;
      requestBody: { content: { "application/json": { schema: { properties: { scheme: { enum: string[] } } } } } };
    };
    const create = buildOpenApiDocument().paths["/integrations/{id}/receivers"]?.post as Create;
    expect(create.requestBody.content["application/json"].schema.properties.scheme.enum).toEqual([...RECEIVER_SCHEMES]);
    for (const scheme of RECEIVER_SCHEMES) expect(create.description).toContain(`\`${scheme}\` (`);
  });
});
