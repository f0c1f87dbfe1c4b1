import { describe, expect, it } from "vitest";
import { getProvider } from "@/lib/providers";
import { applyAuth } from "./outbound-auth";

const target = new URL("https://api.example.com/v1/me?page=1");

describe("auth injection", () => {
  it("puts an API key where the provider expects it, with its prefix", () => {
    const stripe = applyAuth("api_key", { api_key: "sk_1" }, getProvider("stripe"), target);
    expect(stripe.headers).toEqual({ authorization: "Bearer sk_1" });
    const pipedrive = applyAuth("api_key", { api_key: "pd_1" }, getProvider("pipedrive"), target);
    expect(pipedrive.url.toString()).toBe("https://api.example.com/v1/me?page=1&api_token=pd_1");
    expect([pipedrive.headers, pipedrive.secretParams]).toEqual([{}, ["api_token"]]);
  });

  it("honours the admin's own header or query parameter, without the provider's prefix", () => {
    expect(applyAuth("api_key", { api_key: "k", api_key_header: "X-Token" }, getProvider("stripe"), target)).toMatchObject({
      headers: { "x-token": "k" },
      secretHeaders: ["x-token"],
    });
    expect(
      applyAuth("api_key", { api_key: "k", api_key_param: "key" }, getProvider("custom_rest"), target).url.searchParams.get("key"),
    ).toBe("k");
  });

  it("sends bearer and basic credentials in Authorization", () => {
    expect(applyAuth("bearer", { token: "t" }, null, target).headers).toEqual({ authorization: "Bearer t" });
    expect(applyAuth("basic", { username: "AC1", password: "pw" }, null, target).headers).toEqual({
      authorization: `Basic ${Buffer.from("AC1:pw").toString("base64")}`,
    });
    expect(applyAuth("none", {}, null, target).headers).toEqual({});
  });
});
