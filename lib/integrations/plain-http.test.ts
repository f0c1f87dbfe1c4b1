import { describe, expect, it, vi } from "vitest";
import { sendRequest } from "@/lib/http/client";
import { createIntegration } from "@/lib/integrations";
import { createEndpoint } from "@/lib/webhooks";
import { ownerContext } from "@/tests/fixtures";

// This file's server refuses private networks but lists some addresses in PATCHBAY_PRIVATE_ALLOWLIST.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  const { privateAllowlist } = actual.parseEnv({ PATCHBAY_PRIVATE_ALLOWLIST: "10.20.0.0/16,127.0.0.1" });
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: false, privateAllowlist }) };
});

const refused = "Use https://. Plain http is only allowed for addresses in the server's private allowlist.";
const erp = { name: "ERP", provider: "custom_rest", auth_type: "basic", credentials: { username: "svc", password: "pw" } } as const;

describe("plain http with only PATCHBAY_PRIVATE_ALLOWLIST set", () => {
  it("is accepted for an allowlisted address and refused for any other host, naming the field", async () => {
    const owner = await ownerContext();
    await expect(createIntegration(owner, { ...erp, base_url: "http://10.20.0.5:8080/api" })).resolves.toMatchObject({
      base_url: "http://10.20.0.5:8080/api",
    });
    for (const base_url of ["http://api.example.com", "http://93.184.215.14", "http://10.21.0.1"]) {
      await expect(createIntegration(owner, { ...erp, name: base_url, base_url })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ["base_url"], message: refused })],
      });
    }
    await expect(createEndpoint(owner, { url: "http://hooks.example.com/in" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["url"], message: refused })],
    });
  });

  it("refuses plain http to an address outside the allowlist at the call, before sending anything", async () => {
    const resolver = async () => [{ address: "93.184.215.14", family: 4 as const }];
    await expect(sendRequest({ url: "http://api.example.test/status", resolver })).rejects.toMatchObject({
      kind: "blocked",
      message: expect.stringContaining("plain http:// only for allowlisted addresses"),
    });
  });
});
