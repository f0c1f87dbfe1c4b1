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
});
