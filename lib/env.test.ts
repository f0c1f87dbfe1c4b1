import { generateKeyPairSync } from "node:crypto";
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

  it("reads the DNS servers domain verification asks, refusing host names", () => {
    expect(parseEnv({}).dnsServers).toEqual([]);
    expect(parseEnv({ PATCHBAY_DNS_SERVERS: "1.1.1.1, 127.0.0.1:5353,[::1]:53,2606:4700::1111" }).dnsServers).toEqual([
      "1.1.1.1",
      "127.0.0.1:5353",
      "[::1]:53",
      "2606:4700::1111",
    ]);
    expect(() => parseEnv({ PATCHBAY_DNS_SERVERS: "dns.example.com" })).toThrow(/PATCHBAY_DNS_SERVERS/);
    expect(() => parseEnv({ PATCHBAY_DNS_SERVERS: "127.0.0.1:99999" })).toThrow(/PATCHBAY_DNS_SERVERS/);
  });
});

describe("optional settings groups", () => {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  it("turn their feature off when none of their variables is set (empty counts as unset)", () => {
    expect(parseEnv({})).toMatchObject({ smtp: null, oauthServer: null, sso: null });
    expect(parseEnv({ PATCHBAY_SMTP_HOST: "", PATCHBAY_OAUTH_ISSUER: "" })).toMatchObject({ smtp: null, oauthServer: null });
  });

  it("parse SMTP with its defaults: port 587 with STARTTLS, TLS from the start on 465", () => {
    const base = { PATCHBAY_SMTP_HOST: "smtp.example.com", PATCHBAY_SMTP_FROM: "Patchbay <patchbay@example.com>" };
    expect(parseEnv(base).smtp).toEqual({
      host: "smtp.example.com",
      port: 587,
      user: null,
      password: null,
      from: "Patchbay <patchbay@example.com>",
      secure: false,
    });
    const full = parseEnv({ ...base, PATCHBAY_SMTP_PORT: "465", PATCHBAY_SMTP_USER: "mailer", PATCHBAY_SMTP_PASSWORD: "pw" }).smtp;
    expect(full).toMatchObject({ port: 465, user: "mailer", password: "pw", secure: true });
    expect(parseEnv({ ...base, PATCHBAY_SMTP_PORT: "465", PATCHBAY_SMTP_SECURE: "false" }).smtp?.secure).toBe(false);
  });

  it("parse the OAuth server's issuer and access-token lifetime", () => {
    expect(parseEnv({ PATCHBAY_OAUTH_ISSUER: "https://patchbay.example.com/" }).oauthServer).toEqual({
      issuer: "https://patchbay.example.com",
      accessTokenTtlSeconds: 3600,
    });
    expect(
      parseEnv({ PATCHBAY_OAUTH_ISSUER: "https://patchbay.example.com", PATCHBAY_OAUTH_TOKEN_TTL_SECONDS: "600" }).oauthServer
        ?.accessTokenTtlSeconds,
    ).toBe(600);
  });

  it("parse the SSO service-provider key pair", () => {
    expect(parseEnv({ PATCHBAY_SSO_SP_PRIVATE_KEY: privateKey, PATCHBAY_SSO_SP_CERTIFICATE: certificate }).sso).toEqual({
      spPrivateKey: privateKey,
      spCertificate: certificate,
    });
  });

  it("stop start-up when a group is partly set or has a bad value, naming each variable", () => {
    const attempt = (source: Record<string, string>) => () => parseEnv(source);
    expect(attempt({ PATCHBAY_SMTP_HOST: "smtp.example.com" })).toThrow(/PATCHBAY_SMTP_FROM: required/);
    expect(attempt({ PATCHBAY_SMTP_USER: "mailer" })).toThrow(/PATCHBAY_SMTP_HOST: required[\s\S]*PATCHBAY_SMTP_FROM: required/);
    expect(attempt({ PATCHBAY_SMTP_HOST: "h", PATCHBAY_SMTP_FROM: "nobody" })).toThrow(/PATCHBAY_SMTP_FROM: must be an address/);
    expect(attempt({ PATCHBAY_SMTP_HOST: "h", PATCHBAY_SMTP_FROM: "a@b.example", PATCHBAY_SMTP_USER: "mailer" })).toThrow(
      /PATCHBAY_SMTP_PASSWORD: PATCHBAY_SMTP_USER and PATCHBAY_SMTP_PASSWORD are set together/,
    );
    expect(attempt({ PATCHBAY_OAUTH_TOKEN_TTL_SECONDS: "600" })).toThrow(/PATCHBAY_OAUTH_ISSUER: required/);
    expect(attempt({ PATCHBAY_OAUTH_ISSUER: "https://p.example.com", PATCHBAY_OAUTH_TOKEN_TTL_SECONDS: "5" })).toThrow(
      /PATCHBAY_OAUTH_TOKEN_TTL_SECONDS/,
    );
    expect(attempt({ PATCHBAY_SSO_SP_CERTIFICATE: certificate })).toThrow(/PATCHBAY_SSO_SP_PRIVATE_KEY: required/);
    expect(attempt({ PATCHBAY_SSO_SP_PRIVATE_KEY: "not a key", PATCHBAY_SSO_SP_CERTIFICATE: certificate })).toThrow(
      /PATCHBAY_SSO_SP_PRIVATE_KEY: must be a PEM private key/,
    );
    // Errors in groups and in the other settings are reported together.
    expect(attempt({ PORT: "eighty", PATCHBAY_SMTP_HOST: "h" })).toThrow(/PORT[\s\S]*PATCHBAY_SMTP_FROM/);
  });

  it("never put a secret value in the error message", () => {
    expect(() => parseEnv({ PATCHBAY_SMTP_PASSWORD: "hunter2-secret" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });
});
