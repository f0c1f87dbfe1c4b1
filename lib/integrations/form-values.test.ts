import { describe, expect, it } from "vitest";
import {
  formFieldErrors,
  formFieldNames,
  newIntegrationValues,
  placeFieldErrors,
  parseValueList,
  settingsValuesOf,
  toCreateInput,
  toPatchInput,
  toReplaceCredentialsInput,
} from "./form-values";
import { createIntegrationSchema, patchIntegrationSchema, replaceCredentialsSchema } from "./schema";
import { fieldErrorsOf } from "@/lib/errors";
import type { IntegrationView } from "./view";

const schema = createIntegrationSchema({ allowHttp: false });

describe("integration form values → API body", () => {
  it("a fresh Stripe form needs only the secret key to pass the shared schema", () => {
    const values = newIntegrationValues("stripe");
    expect(values).toMatchObject({ name: "Stripe", auth_type: "api_key", base_url: "https://api.stripe.com" });
    const missing = schema.safeParse(toCreateInput(values));
    expect(missing.success).toBe(false);
    expect(fieldErrorsOf(missing.error!.issues)).toEqual({ "credentials.api_key": "Enter the API key." });

    values.credentials.api_key = "sk_test_123";
    const input = toCreateInput(values);
    // Unused optional fields and other auth types' fields are left out, so the strict schema accepts the body.
    expect(input.credentials).toEqual({ api_key: "sk_test_123" });
    expect(input.config).toEqual({ update_method: "polling", polling_interval_seconds: 30, timeout_seconds: 10, retry_count: 2 });
    expect(schema.safeParse(input).success).toBe(true);
  });

  it("sends only the chosen auth type's fields and keeps an admin's header name", () => {
    const values = newIntegrationValues("custom_rest");
    values.auth_type = "api_key";
    values.credentials = { ...values.credentials, api_key: "k-1", api_key_header: "X-Token", token: "left over", password: "pw" };
    expect(toCreateInput(values).credentials).toEqual({ api_key: "k-1", api_key_header: "X-Token" });
    values.auth_type = "none";
    expect(toCreateInput(values).credentials).toBeUndefined();
  });

  it("turns each status's comma or line separated values into the mapping, leaving out empty statuses", () => {
    expect(parseValueList(" Open, OPEN\nAvailable,,Open ")).toEqual(["Open", "OPEN", "Available"]);
    const values = newIntegrationValues("custom_rest");
    values.config.status_mapping.available = "active, live";
    values.config.status_mapping.sold = "archived";
    values.config.status_path = "$.data[*].status";
    values.config.status_endpoint = "/v1/products";
    expect(toCreateInput(values).config).toMatchObject({
      status_endpoint: "/v1/products",
      status_path: "$.data[*].status",
      status_mapping: { available: ["active", "live"], sold: ["archived"] },
    });
  });

  it("round-trips saved settings through the edit form and the patch schema", () => {
    const view = {
      name: "Billing",
      environment: "sandbox",
      base_url: "https://api.example.com",
      config: {
        status_path: "$.items[*].state",
        status_mapping: { hold: ["Pending", "Queued"] },
        update_method: "webhook",
        polling_interval_seconds: 30,
        timeout_seconds: 5,
        retry_count: 0,
      },
    } as unknown as IntegrationView;
    const values = settingsValuesOf(view);
    expect(values.config.status_mapping.hold).toBe("Pending, Queued");
    expect(values.config.status_endpoint).toBe("");
    const patch = toPatchInput(values, "custom_rest");
    // Emptied boxes remove what was saved instead of keeping it.
    expect(patch.config).toMatchObject({ status_endpoint: null, status_path: "$.items[*].state" });
    values.config.status_mapping.hold = "";
    expect(toPatchInput(values, "custom_rest").config?.status_mapping).toBeNull();
    expect(patchIntegrationSchema({ allowHttp: false }).parse(patch)).toMatchObject({
      name: "Billing",
      environment: "sandbox",
      config: {
        status_path: "$.items[*].state",
        status_mapping: { hold: ["Pending", "Queued"] },
        update_method: "webhook",
        retry_count: 0,
      },
    });
  });

  it("the credentials form builds a replace body for the auth type it switches to", () => {
    const values = {
      auth_type: "basic" as const,
      credentials: { ...newIntegrationValues("razorpay").credentials, username: "rzp_test_1", password: "s3cret", api_key: "stale" },
    };
    const input = toReplaceCredentialsInput("razorpay", values);
    expect(input).toEqual({ auth_type: "basic", credentials: { username: "rzp_test_1", password: "s3cret" } });
    expect(replaceCredentialsSchema.safeParse(input).success).toBe(true);
  });

  it("places schema messages on the form's fields: a status's values share one box", () => {
    const values = newIntegrationValues("custom_rest");
    values.name = "";
    values.base_url = "http://internal.example";
    values.config.polling_interval_seconds = 2;
    values.config.retry_count = Number.NaN;
    const result = schema.safeParse(toCreateInput(values));
    const errors = formFieldErrors(fieldErrorsOf(result.error!.issues));
    expect(errors).toMatchObject({
      name: "Give the integration a name.",
      base_url: "Use https://. Plain http is only allowed when the server allows private networks.",
      "config.polling_interval_seconds": "At least 5 seconds.",
      "config.retry_count": "Enter a number from 0 to 10.",
    });
    expect(
      formFieldErrors({ "config.status_mapping.sold.1": "A value cannot be empty.", "config.status_mapping.sold.3": "second" }),
    ).toEqual({
      "config.status_mapping.sold": "A value cannot be empty.",
    });
  });

  it("puts messages for fields the form has on them, and the rest on the form", () => {
    const known = formFieldNames(newIntegrationValues("custom_oauth2"));
    expect(known.has("credentials.client_secret")).toBe(true);
    expect(known.has("config.status_mapping.coming_soon")).toBe(true);
    expect(known.has("config")).toBe(false);
    const result = schema.safeParse(
      toCreateInput({ ...newIntegrationValues("custom_oauth2"), name: "IdP", base_url: "https://idp.example.com" }),
    );
    expect(placeFieldErrors(fieldErrorsOf(result.error!.issues), known)).toEqual({
      onFields: [
        ["config.oauth.authorize_url", "The authorize URL must be an http(s):// URL."],
        ["config.oauth.token_url", "The token URL must be an http(s):// URL."],
        ["credentials.client_id", "Enter the client ID."],
        ["credentials.client_secret", "Enter the client secret."],
      ],
      other: [],
    });
    expect(
      placeFieldErrors({ "config.status_mapping": "gone is not a status.", "config.status_mapping.sold.0": "Too long." }, known),
    ).toEqual({
      onFields: [["config.status_mapping.sold", "Too long."]],
      other: ["gone is not a status."],
    });
  });

  it("sends Custom OAuth2's endpoints, and only for that provider", () => {
    const values = { ...newIntegrationValues("custom_oauth2"), name: "IdP", base_url: "https://api.example.com" };
    values.credentials = { ...values.credentials, client_id: "cid", client_secret: "cs" };
    values.config.oauth = {
      ...values.config.oauth,
      authorize_url: "https://idp.example.com/authorize",
      token_url: "http://idp.example.com/token",
      scopes: "openid  email,profile",
    };
    const failed = schema.safeParse(toCreateInput(values));
    expect(fieldErrorsOf(failed.error!.issues)).toEqual({ "config.oauth.token_url": "The token URL must be an https:// URL." });
    values.config.oauth.token_url = "https://idp.example.com/token";
    const input = toCreateInput(values);
    expect(input.config?.oauth).toEqual({
      authorize_url: "https://idp.example.com/authorize",
      token_url: "https://idp.example.com/token",
      revoke_url: undefined,
      scopes: ["openid", "email", "profile"],
      client_auth: "client_secret_basic",
    });
    expect(schema.safeParse(input).success).toBe(true);
    expect(toCreateInput({ ...values, provider: "custom_rest", auth_type: "none" }).config?.oauth).toBeUndefined();
  });
});
