import { INTEGRATION_CREDENTIALS_COLUMN } from "@/db/schema";
import { contextFor, decryptJson, encryptJson } from "@/lib/crypto";
import { createRedactor, type Redactor } from "@/lib/http/redact";
import type { AuthType } from "@/lib/providers";
import type { Credentials } from "./schema";

type RowRef = { id: string; tenantId: string };

const SECRET_FIELDS = ["api_key", "token", "password", "client_secret"] as const;

export function encryptCredentials(row: RowRef, credentials: Credentials): string {
  return encryptJson(credentials as Record<string, string>, contextFor(INTEGRATION_CREDENTIALS_COLUMN, row));
}

export function decryptCredentials(row: RowRef & { credentials: string | null }): Credentials {
  return row.credentials ? decryptJson(row.credentials, contextFor(INTEGRATION_CREDENTIALS_COLUMN, row)) : {};
}

/**
 * What an admin may see of a stored secret: the last four characters, and none at all for a
 * secret so short that four characters would give most of it away.
 */
export function credentialsHint(authType: AuthType, credentials: Credentials): string | null {
  const secret = SECRET_FIELDS.map((f) => credentials[f]).find(Boolean);
  if (authType === "none" || !secret) return null;
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
}

/**
 * The integration's redactor: every stored secret, the tokens it calls with (an OAuth access and
 * refresh token), and the user:pass and client_id:client_secret pairs a Basic header joins.
 */
export function redactorFor(credentials: Credentials, tokens: string[] = []): Redactor {
  const secrets = [...SECRET_FIELDS.map((f) => credentials[f]), ...tokens].filter((v): v is string => Boolean(v));
  const { username, password, client_id, client_secret } = credentials;
  const pairs: [string, string][] = [];
  if (username && password) pairs.push([username, password]);
  if (client_id && client_secret) pairs.push([client_id, client_secret]);
  return createRedactor(secrets, pairs);
}
