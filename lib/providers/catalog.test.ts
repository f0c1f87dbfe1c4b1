import { describe, expect, it } from "vitest";
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
