import { createPrivateKey } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { z } from "zod";

/**
 * The one place environment variables are read. Parsed lazily (not at import) so that
 * `next build` never needs runtime settings, and validated once: a bad value stops
 * start-up with a message naming the variable.
 */

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
      .optional(),
  ),
  PATCHBAY_DATA_DIR: z.string().min(1).default("./.data"),
  PATCHBAY_MASTER_KEY: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  PATCHBAY_IN_PROCESS_WORKERS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  PATCHBAY_TRUST_PROXY: bool,
  PATCHBAY_SKIP_BUILD: bool,
  PATCHBAY_ALLOW_PRIVATE_NETWORK: bool,
  PATCHBAY_PRIVATE_ALLOWLIST: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isCidr, "must be a comma-separated list of CIDRs such as 10.20.0.0/16,fd12::/64"))),
  PATCHBAY_REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PATCHBAY_PUBLIC_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine(
        (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
        "must be an http(s) URL such as https://patchbay.example.com",
      )
      .transform((v) => new URL(v).origin)
      .optional(),
  ),
  PATCHBAY_HEALTH_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(100),
  PATCHBAY_DNS_SERVERS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isDnsServer, "must be a comma-separated list of addresses such as 1.1.1.1,[2606:4700::1111]:53"))),
  PATCHBAY_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024 * 1024),
  PATCHBAY_EXPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  PATCHBAY_IMPORT_UPLOAD_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(3),
});

/**
 * Settings a feature needs as a whole (unkey's pattern): with none of its variables set the group
 * parses to null and the feature turns itself off; with any set, the whole group must be valid.
 */
const groups = {
  smtp: z
    .object({
      PATCHBAY_SMTP_HOST: z.string({ error: "required with the other PATCHBAY_SMTP_* settings" }).min(1),
      PATCHBAY_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
      PATCHBAY_SMTP_USER: z.string().min(1).optional(),
      PATCHBAY_SMTP_PASSWORD: z.string().min(1).optional(),
      PATCHBAY_SMTP_FROM: z
        .string({ error: "required with the other PATCHBAY_SMTP_* settings" })
        .regex(
          /^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/,
          "must be an address such as patchbay@example.com or Patchbay <patchbay@example.com>",
        ),
      PATCHBAY_SMTP_SECURE: z.enum(["true", "false"]).optional(),
    })
    .refine((v) => !v.PATCHBAY_SMTP_USER === !v.PATCHBAY_SMTP_PASSWORD, {
      path: ["PATCHBAY_SMTP_PASSWORD"],
      message: "PATCHBAY_SMTP_USER and PATCHBAY_SMTP_PASSWORD are set together",
    }),
  oauthServer: z.object({
    PATCHBAY_OAUTH_ISSUER: z
      .string({ error: "required with the other PATCHBAY_OAUTH_* settings" })
      .refine(
        (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
        "must be an http(s) URL such as https://patchbay.example.com",
      ),
    PATCHBAY_OAUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  }),
  sso: z.object({
    PATCHBAY_SSO_SP_PRIVATE_KEY: z
      .string({ error: "required with PATCHBAY_SSO_SP_CERTIFICATE" })
      .refine(isPrivateKey, "must be a PEM private key (-----BEGIN PRIVATE KEY-----…)"),
    PATCHBAY_SSO_SP_CERTIFICATE: z
      .string({ error: "required with PATCHBAY_SSO_SP_PRIVATE_KEY" })
      .regex(
        /^\s*-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/,
        "must be a PEM certificate (-----BEGIN CERTIFICATE-----…)",
      ),
  }),
};

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

type Groups = { [K in keyof typeof groups]: z.output<(typeof groups)[K]> | null };

function parseGroups(source: Record<string, string | undefined>): { groups: Groups; issues: string[] } {
  const issues: string[] = [];
  const parsed = Object.fromEntries(
    Object.entries(groups).map(([name, group]) => {
      const present = Object.fromEntries(Object.keys(group.shape).flatMap((k) => (source[k] ? [[k, source[k]]] : [])));
      if (Object.keys(present).length === 0) return [name, null];
      const result = group.safeParse(present);
      if (result.success) return [name, result.data];
      issues.push(...result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`));
      return [name, null];
    }),
  ) as Groups;
  return { groups: parsed, issues };
}

export type Cidr = { address: string; prefix: number; family: "ipv4" | "ipv6" };

function parseCidr(value: string): Cidr | null {
  const [address = "", prefixText, ...rest] = value.split("/");
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
    return null;
  }
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

function isDnsServer(value: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const [address, port] = bracketed ? [bracketed[1]!, bracketed[2]] : value.includes(".") ? value.split(":") : [value, undefined];
  return net.isIP(address ?? "") !== 0 && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
}

function isCidr(value: string): boolean {
  return parseCidr(value) !== null;
}

export type Env = ReturnType<typeof build>;

function build(raw: z.infer<typeof schema>, { smtp, oauthServer, sso }: Groups) {
  const dataDir = raw.PATCHBAY_DATA_DIR === "memory://" ? "memory://" : path.resolve(raw.PATCHBAY_DATA_DIR);
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction: raw.NODE_ENV === "production",
    databaseUrl: raw.DATABASE_URL ?? null,
    /** Embedded PGlite lives here; key files too when no key is given in the environment. */
    dataDir,
    masterKey: raw.PATCHBAY_MASTER_KEY ?? null,
    authSecret: raw.AUTH_SECRET ?? null,
    port: raw.PORT,
    hostname: raw.HOSTNAME,
    inProcessWorkers: raw.PATCHBAY_IN_PROCESS_WORKERS,
    trustProxy: raw.PATCHBAY_TRUST_PROXY,
    skipBuild: raw.PATCHBAY_SKIP_BUILD,
    /** Outbound HTTP may reach loopback, private and link-local addresses (tests, local dev). */
    allowPrivateNetwork: raw.PATCHBAY_ALLOW_PRIVATE_NETWORK,
    /** Private ranges outbound HTTP may reach even when private networks are refused (on-premise systems). */
    privateAllowlist: raw.PATCHBAY_PRIVATE_ALLOWLIST.map((c) => parseCidr(c)!),
    requestLogRetentionDays: raw.PATCHBAY_REQUEST_LOG_RETENTION_DAYS,
    /** Where browsers reach Patchbay; OAuth redirect URIs are built on it. Null: taken from the request. */
    publicUrl: raw.PATCHBAY_PUBLIC_URL ?? null,
    /** Health checks one process runs at the same time. */
    healthConcurrency: raw.PATCHBAY_HEALTH_CONCURRENCY,
    /** Resolvers for SSO domain verification (TXT lookups); empty: the system's. */
    dnsServers: raw.PATCHBAY_DNS_SERVERS,
    /** The largest file an import accepts (default 1 GB). */
    importMaxBytes: raw.PATCHBAY_IMPORT_MAX_BYTES,
    /** How long a finished export stays downloadable. */
    exportRetentionDays: raw.PATCHBAY_EXPORT_RETENTION_DAYS,
    /** How long an upload nobody executed keeps its file. */
    importUploadRetentionDays: raw.PATCHBAY_IMPORT_UPLOAD_RETENTION_DAYS,
    /** Outgoing mail; null: Patchbay sends none. */
    smtp: smtp && {
      host: smtp.PATCHBAY_SMTP_HOST,
      port: smtp.PATCHBAY_SMTP_PORT,
      user: smtp.PATCHBAY_SMTP_USER ?? null,
      password: smtp.PATCHBAY_SMTP_PASSWORD ?? null,
      from: smtp.PATCHBAY_SMTP_FROM,
      // Port 465 speaks TLS from the first byte; others upgrade with STARTTLS.
      secure: smtp.PATCHBAY_SMTP_SECURE ? smtp.PATCHBAY_SMTP_SECURE === "true" : smtp.PATCHBAY_SMTP_PORT === 465,
    },
    /** Overrides for Patchbay's OAuth server (issuer, token lifetime); null: the request's origin and 1 h. The server is always on. */
    oauthServer: oauthServer && {
      issuer: new URL(oauthServer.PATCHBAY_OAUTH_ISSUER).origin,
      accessTokenTtlSeconds: oauthServer.PATCHBAY_OAUTH_TOKEN_TTL_SECONDS,
    },
    /** The service-provider key pair per-tenant SSO signs and decrypts with; null: no SSO, password sign-in only. */
    sso: sso && { spPrivateKey: sso.PATCHBAY_SSO_SP_PRIVATE_KEY, spCertificate: sso.PATCHBAY_SSO_SP_CERTIFICATE },
  };
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  const optional = parseGroups(source);
  const lines = [...(parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`)), ...optional.issues];
  if (!parsed.success || lines.length > 0) throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  return build(parsed.data, optional.groups);
}

let cached: Env | null = null;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The environment a child process starts with: this one's, with some settings changed. */
export function childProcessEnv(changes: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...changes };
}
