import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/errors";
import { createIntegrationSchema, patchIntegrationSchema, replaceCredentialsSchema } from "./schema";

const strict = createIntegrationSchema({ allowHttp: false });
const valid = { name: "Stripe live", provider: "stripe", auth_type: "api_key", credentials: { api_key: "sk_test_abc" } };

function errorsOf(input: unknown, schema: { safeParse: typeof strict.safeParse } = strict) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return fieldErrorsOf(result.error!.issues);
}

describe("integration input schema", () => {
  it("accepts a catalog provider without a base URL, the provider's default applying", () => {
    const parsed = strict.parse(valid);
    expect(parsed).toMatchObject({ environment: "production", config: {} });
    expect(parsed.base_url).toBeUndefined();
  });

  it.each([
    [{ name: "  " }, "name", "Give the integration a name."],
    [{ provider: "nope" }, "provider", "Choose a provider from the catalog."],
    [{ environment: "staging" }, "environment", "Choose production or sandbox."],
    [{ auth_type: "magic" }, "auth_type", "Choose none, api_key, bearer, basic or oauth2."],
    [{ auth_type: "bearer", credentials: { token: "t" } }, "auth_type", "Stripe supports api_key."],
    [{ base_url: "ftp://files.example.com" }, "base_url", "Enter an http:// or https:// URL, such as https://api.example.com."],
    [
      { base_url: "http://api.example.com" },
      "base_url",
      "Use https://. Plain http is only allowed when the server allows private networks.",
    ],
    [{ base_url: "https://u:p@api.example.com" }, "base_url", "Put credentials in the credentials fields, not in the URL."],
    [{ credentials: { api_key: "" } }, "credentials.api_key", "Enter the API key."],
    [{ credentials: { api_key: "k", token: "t" } }, "credentials", "An API key does not take token."],
    [
      { credentials: { api_key: "k", api_key_header: "X Key" } },
      "credentials.api_key_header",
      "A header name uses letters, digits and hyphens, such as X-API-Key.",
    ],
    [{ config: { polling_interval_seconds: 2 } }, "config.polling_interval_seconds", "At least 5 seconds."],
    [{ config: { polling_interval_seconds: 301 } }, "config.polling_interval_seconds", "At most 300 seconds."],
    [{ config: { timeout_seconds: 0 } }, "config.timeout_seconds", "At least 1 seconds."],
    [{ config: { timeout_seconds: 61 } }, "config.timeout_seconds", "At most 60 seconds."],
    [{ config: { timeout_seconds: 2.5 } }, "config.timeout_seconds", "Use whole seconds."],
    [{ config: { retry_count: 11 } }, "config.retry_count", "At most 10 retries."],
    [{ config: { retry_count: -1 } }, "config.retry_count", "At least 0."],
    [{ config: { update_method: "carrier-pigeon" } }, "config.update_method", "Choose polling, sse or webhook."],
    [
      { config: { status_path: "units.status" } },
      "config.status_path",
      "A JSON path like $.units[*].status: start with $, then .key, ['key'], [*], [n] or ..key.",
    ],
    [
      { config: { status_path: "$.units[?(@.x)]" } },
      "config.status_path",
      "A JSON path like $.units[*].status: start with $, then .key, ['key'], [*], [n] or ..key.",
    ],
    [
      { config: { status_endpoint: "https://elsewhere.example.com/x" } },
      "config.status_endpoint",
      "A path under the base URL, starting with /, such as /v1/units.",
    ],
    [
      { config: { status_mapping: { gone: ["X"] } } },
      "config.status_mapping",
      "gone is not a status: map to available, reserved, hold, sold, unreleased, unavailable, coming_soon.",
    ],
  ])("refuses %o with a message on %s", (change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toBe(message);
  });

  it("needs a base URL where the provider has none, and OAuth URLs for Custom OAuth2", () => {
    expect(errorsOf({ name: "Shop", provider: "shopify", auth_type: "api_key" }).base_url).toBe(
      "Enter the base URL, such as https://<shop>.myshopify.com.",
    );
    expect(
      errorsOf({ name: "IdP", provider: "custom_oauth2", auth_type: "oauth2", base_url: "https://api.example.com" })["config.oauth"],
    ).toMatch(/authorize and token URLs/);
    expect(
      errorsOf({
        name: "IdP",
        provider: "custom_oauth2",
        auth_type: "oauth2",
        base_url: "https://api.example.com",
        config: { oauth: { authorize_url: "http://idp.example.com/auth", token_url: "https://idp.example.com/token" } },
      })["config.oauth.authorize_url"],
    ).toBe("The authorize URL must be an https:// URL.");
  });

  it("refuses OAuth URLs carrying a user name or password, on create and on patch, naming the field", () => {
    const oauth = {
      authorize_url: "https://client:secret@idp.example.com/auth",
      token_url: "https://idp.example.com/token",
      revoke_url: "https://:secret@idp.example.com/revoke",
    };
    const message = "Put the client ID and secret in the credentials fields, not in the URL.";
    const created = errorsOf({
      name: "IdP",
      provider: "custom_oauth2",
      auth_type: "oauth2",
      base_url: "https://api.example.com",
      config: { oauth },
    });
    expect(created["config.oauth.authorize_url"]).toBe(message);
    expect(created["config.oauth.revoke_url"]).toBe(message);
    expect(created["config.oauth.token_url"]).toBeUndefined();
    const patched = patchIntegrationSchema({ allowHttp: true }).safeParse({
      config: { oauth: { ...oauth, authorize_url: "https://idp.example.com/auth", token_url: "https://u@idp.example.com/token" } },
    });
    expect(fieldErrorsOf(patched.error!.issues)["config.oauth.token_url"]).toBe(message);
  });

  it("with only an allowlist, accepts plain http for allowlisted addresses only", () => {
    const allowlisted = (host: string) => host === "10.20.0.5";
    const options = { allowHttp: true, plainHttpTo: allowlisted };
    const erp = { name: "ERP", provider: "custom_rest", auth_type: "basic", credentials: { username: "svc", password: "pw" } };
    expect(createIntegrationSchema(options).parse({ ...erp, base_url: "http://10.20.0.5:8080/api" }).base_url).toBe(
      "http://10.20.0.5:8080/api",
    );
    const refused = "Use https://. Plain http is only allowed for addresses in the server's private allowlist.";
    for (const base_url of ["http://api.example.com", "http://10.21.0.1"]) {
      expect(errorsOf({ ...erp, base_url }, createIntegrationSchema(options)).base_url).toBe(refused);
    }
    expect(createIntegrationSchema(options).parse({ ...erp, base_url: "https://api.example.com" }).base_url).toBe(
      "https://api.example.com",
    );
    const oauth = { authorize_url: "http://idp.example.com/auth", token_url: "http://10.20.0.5/token" };
    const idp = { name: "IdP", provider: "custom_oauth2", auth_type: "oauth2", base_url: "https://api.example.com", config: { oauth } };
    const errors = errorsOf(idp, createIntegrationSchema(options));
    expect(errors["config.oauth.authorize_url"]).toBe(refused);
    expect(errors["config.oauth.token_url"]).toBeUndefined();
  });

  it("allows plain http when private networks are allowed, and trims a trailing slash", () => {
    const parsed = createIntegrationSchema({ allowHttp: true }).parse({
      name: "ERP",
      provider: "custom_rest",
      auth_type: "basic",
      base_url: "http://10.20.0.5:8080/api/",
      credentials: { username: "svc", password: "pw" },
    });
    expect(parsed.base_url).toBe("http://10.20.0.5:8080/api");
  });

  it("takes credentials as a union over the auth type", () => {
    expect(replaceCredentialsSchema.parse({ auth_type: "bearer", credentials: { token: "t" } })).toEqual({
      auth_type: "bearer",
      credentials: { token: "t" },
    });
    expect(fieldErrorsOf(replaceCredentialsSchema.safeParse({ auth_type: "basic", credentials: { username: "u" } }).error!.issues)).toEqual(
      {
        "credentials.password": "Enter the password.",
      },
    );
    expect(
      fieldErrorsOf(
        replaceCredentialsSchema.safeParse({
          auth_type: "api_key",
          credentials: { api_key: "k", api_key_header: "X-K", api_key_param: "k" },
        }).error!.issues,
      ),
    ).toEqual({ "credentials.api_key_param": "Send the key either in a header or in a query parameter, not both." });
  });

  it("asks for new credentials when a patch changes the auth type", () => {
    const patch = patchIntegrationSchema({ allowHttp: false });
    expect(fieldErrorsOf(patch.safeParse({ auth_type: "bearer" }).error!.issues)).toEqual({
      credentials: "Changing the auth type needs the new credentials too.",
    });
    expect(fieldErrorsOf(patch.safeParse({ surprise: 1 }).error!.issues)).toEqual({ _: "An integration does not take surprise." });
  });
});
