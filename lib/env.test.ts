import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("environment", () => {
  it("needs nothing: embedded database in ./.data on port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ databaseUrl: null, port: 3000, inProcessWorkers: true });
    expect(env.dataDir.endsWith(".data")).toBe(true);
  });

  it("stops with a message that names each bad variable", () => {
    const attempt = () => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", AUTH_SECRET: "short" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres:\/\/ connection URL/);
    expect(attempt).toThrow(/AUTH_SECRET/);
  });

  it("reads the outbound network settings, refusing a malformed CIDR", () => {
    const env = parseEnv({ PATCHBAY_ALLOW_PRIVATE_NETWORK: "true", PATCHBAY_PRIVATE_ALLOWLIST: "10.20.0.0/16, fd12::/64,192.168.1.5" });
    expect(env.allowPrivateNetwork).toBe(true);
    expect(env.privateAllowlist).toEqual([
      { address: "10.20.0.0", prefix: 16, family: "ipv4" },
      { address: "fd12::", prefix: 64, family: "ipv6" },
      { address: "192.168.1.5", prefix: 32, family: "ipv4" },
    ]);
    expect(parseEnv({}).allowPrivateNetwork).toBe(false);
    expect(() => parseEnv({ PATCHBAY_PRIVATE_ALLOWLIST: "10.0.0.0/33" })).toThrow(/PATCHBAY_PRIVATE_ALLOWLIST/);
    expect(() => parseEnv({ PATCHBAY_PRIVATE_ALLOWLIST: "intranet.local" })).toThrow(/PATCHBAY_PRIVATE_ALLOWLIST/);
  });
});
