import { credentialFieldsFor, getProvider, ownOAuthEndpoints, type AuthType, type CredentialFieldName } from "@/lib/providers";
import {
  CANONICAL_STATUSES,
  CONFIG_DEFAULTS,
  type CanonicalStatus,
  type CreateIntegrationInput,
  type IntegrationConfigPatch,
  type PatchIntegrationInput,
  type ReplaceCredentialsInput,
  UPDATE_METHODS,
} from "./schema";
import type { IntegrationView } from "./view";

// Kept free of server imports: the integration forms in the browser map their values here.

/**
 * What the integration forms hold: every text box is a string (empty when unused) and each
 * status's values are one comma-separated line. `to*Input` turns them into the API's body,
 * which the shared zod schemas then judge, in the browser and again on the server.
 */
export type OAuthFormValues = {
  authorize_url: string;
  token_url: string;
  revoke_url: string;
  scopes: string;
  client_auth: "client_secret_basic" | "client_secret_post";
};

export type ConfigFormValues = {
  status_endpoint: string;
  status_path: string;
  status_mapping: Record<CanonicalStatus, string>;
  update_method: (typeof UPDATE_METHODS)[number];
  polling_interval_seconds: number;
  timeout_seconds: number;
  retry_count: number;
  /** Only "Custom OAuth2" sends these; catalog providers bring their own endpoints. */
  oauth: OAuthFormValues;
};

export type CredentialFormValues = Record<CredentialFieldName, string>;

export type IntegrationFormValues = {
  name: string;
  provider: string;
  environment: "production" | "sandbox";
  auth_type: AuthType;
  base_url: string;
  credentials: CredentialFormValues;
  config: ConfigFormValues;
};

export type SettingsFormValues = Pick<IntegrationFormValues, "name" | "environment" | "base_url" | "config">;
export type CredentialsFormValues = Pick<IntegrationFormValues, "auth_type" | "credentials">;

const blank = (value: string) => (value.trim() === "" ? undefined : value);

/** "Open, OPEN\nAvailable" → ["Open", "OPEN", "Available"]. */
export function parseValueList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

export const emptyCredentials = (): CredentialFormValues => ({
  api_key: "",
  api_key_header: "",
  api_key_param: "",
  token: "",
  username: "",
  password: "",
  client_id: "",
  client_secret: "",
});

const emptyMapping = () => Object.fromEntries(CANONICAL_STATUSES.map((s) => [s, ""])) as Record<CanonicalStatus, string>;

const emptyOAuth = (): OAuthFormValues => ({
  authorize_url: "",
  token_url: "",
  revoke_url: "",
  scopes: "",
  client_auth: "client_secret_basic",
});

export function defaultConfigValues(statusPath = ""): ConfigFormValues {
  return { status_endpoint: "", status_path: statusPath, status_mapping: emptyMapping(), ...CONFIG_DEFAULTS, oauth: emptyOAuth() };
}

/** Whether the form edits `config.oauth`: only the provider without endpoints of its own. */
export function needsOAuthEndpoints(providerKey: string): boolean {
  const provider = getProvider(providerKey);
  return provider !== null && ownOAuthEndpoints(provider);
}

function toOAuthInput(values: OAuthFormValues) {
  return {
    authorize_url: values.authorize_url,
    token_url: values.token_url,
    revoke_url: blank(values.revoke_url),
    scopes: values.scopes.split(/[\s,]+/).filter(Boolean),
    client_auth: values.client_auth,
  };
}

export function newIntegrationValues(providerKey: string): IntegrationFormValues {
  const provider = getProvider(providerKey);
  return {
    name: provider && !provider.custom ? provider.name : "",
    provider: providerKey,
    environment: "production",
    auth_type: provider?.authModes[0] ?? "none",
    base_url: provider?.baseUrl ?? "",
    credentials: emptyCredentials(),
    config: defaultConfigValues(provider?.statusHints?.statusPath),
  };
}

/** Only the fields of the chosen auth type; optional ones left empty are left out, required ones stay for the schema to name. */
export function toCredentialsInput(providerKey: string, authType: AuthType, values: CredentialFormValues): Record<string, string> {
  const provider = getProvider(providerKey);
  if (!provider) return {};
  const out: Record<string, string> = {};
  for (const field of credentialFieldsFor(provider, authType)) {
    const value = values[field.name] ?? "";
    if (field.optional && value.trim() === "") continue;
    out[field.name] = value;
  }
  return out;
}

export function toConfigInput(values: ConfigFormValues, providerKey: string) {
  const mapping: Partial<Record<CanonicalStatus, string[]>> = {};
  for (const status of CANONICAL_STATUSES) {
    const list = parseValueList(values.status_mapping[status] ?? "");
    if (list.length > 0) mapping[status] = list;
  }
  return {
    status_endpoint: blank(values.status_endpoint),
    status_path: blank(values.status_path),
    status_mapping: Object.keys(mapping).length > 0 ? mapping : undefined,
    update_method: values.update_method,
    polling_interval_seconds: values.polling_interval_seconds,
    timeout_seconds: values.timeout_seconds,
    retry_count: values.retry_count,
    oauth: needsOAuthEndpoints(providerKey) ? toOAuthInput(values.oauth) : undefined,
  };
}

export function toCreateInput(values: IntegrationFormValues): CreateIntegrationInput {
  return {
    name: values.name,
    provider: values.provider,
    environment: values.environment,
    auth_type: values.auth_type,
    base_url: blank(values.base_url),
    credentials: values.auth_type === "none" ? undefined : toCredentialsInput(values.provider, values.auth_type, values.credentials),
    config: toConfigInput(values.config, values.provider),
  };
}

/** Editing: an emptied box removes the saved value (`null`), rather than leaving it as it was. */
function toConfigPatch(values: ConfigFormValues, providerKey: string): IntegrationConfigPatch {
  const config = toConfigInput(values, providerKey);
  return {
    ...config,
    status_endpoint: config.status_endpoint ?? null,
    status_path: config.status_path ?? null,
    status_mapping: config.status_mapping ?? null,
  };
}

export function toPatchInput(values: SettingsFormValues, providerKey: string): PatchIntegrationInput {
  return {
    name: values.name,
    environment: values.environment,
    base_url: values.base_url,
    config: toConfigPatch(values.config, providerKey),
  };
}

export function toReplaceCredentialsInput(providerKey: string, values: CredentialsFormValues): ReplaceCredentialsInput {
  return {
    auth_type: values.auth_type,
    credentials: toCredentialsInput(providerKey, values.auth_type, values.credentials),
  } as ReplaceCredentialsInput;
}

export function settingsValuesOf(view: IntegrationView): SettingsFormValues {
  const mapping = emptyMapping();
  for (const status of CANONICAL_STATUSES) mapping[status] = (view.config.status_mapping?.[status] ?? []).join(", ");
  return {
    name: view.name,
    environment: view.environment,
    base_url: view.base_url,
    config: {
      status_endpoint: view.config.status_endpoint ?? "",
      status_path: view.config.status_path ?? "",
      status_mapping: mapping,
      update_method: view.config.update_method,
      polling_interval_seconds: view.config.polling_interval_seconds,
      timeout_seconds: view.config.timeout_seconds,
      retry_count: view.config.retry_count,
      oauth: view.config.oauth
        ? { ...view.config.oauth, revoke_url: view.config.oauth.revoke_url ?? "", scopes: view.config.oauth.scopes.join(" ") }
        : emptyOAuth(),
    },
  };
}

/**
 * The form field a schema or server message belongs to: a status's values are one text box,
 * so `config.status_mapping.sold.2` lands on `config.status_mapping.sold`.
 */
export function formFieldOf(path: string): string {
  const match = /^(config\.status_mapping\.[a-z_]+)\.\d+$/.exec(path);
  return match ? match[1]! : path;
}

/** Field messages keyed by form field, the first message for each field winning. */
export function formFieldErrors(fieldErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) out[formFieldOf(path)] ??= message;
  return out;
}

/** Every field a form holds, by dotted name, from its full set of values. */
export function formFieldNames(values: unknown, prefix = ""): Set<string> {
  if (values === null || typeof values !== "object" || Array.isArray(values)) return new Set([prefix]);
  return new Set(Object.entries(values).flatMap(([key, value]) => [...formFieldNames(value, prefix ? `${prefix}.${key}` : key)]));
}

/** Messages for the form's own fields, and the rest (rules spanning fields) as messages for the whole form. */
export function placeFieldErrors(
  fieldErrors: Record<string, string>,
  known: Set<string>,
): { onFields: [string, string][]; other: string[] } {
  const onFields: [string, string][] = [];
  const other: string[] = [];
  for (const [name, message] of Object.entries(formFieldErrors(fieldErrors))) {
    if (known.has(name)) onFields.push([name, message]);
    else other.push(message);
  }
  return { onFields, other };
}
