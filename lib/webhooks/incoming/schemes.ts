import { PROVIDER_ADAPTERS } from "@/lib/providers/adapters";
import type { ReceiverSchemeSpec } from "@/lib/providers/types";

const STANDARD_WEBHOOKS = {
  scheme: "standard_webhooks",
  name: "Standard Webhooks",
  label: "Standard Webhooks (whsec_…)",
  doc: "`standard_webhooks` (secret `whsec_` + base64, decoded; 5-minute tolerance)",
} as const satisfies ReceiverSchemeSpec;

const GENERIC_HMAC = {
  scheme: "hmac_sha256",
  name: "HMAC-SHA256",
  label: "Generic HMAC-SHA256",
  doc: "`hmac_sha256` (the hex or base64 HMAC of the raw body in `header`)",
} as const satisfies ReceiverSchemeSpec;

/** Standard Webhooks first (the dialog's default), then the providers' own schemes, the generic HMAC last as the fallback. */
export const RECEIVER_SCHEME_SPECS = [STANDARD_WEBHOOKS, ...PROVIDER_ADAPTERS.map((adapter) => adapter.receiver), GENERIC_HMAC];

export type ReceiverScheme = (typeof RECEIVER_SCHEME_SPECS)[number]["scheme"];

export const RECEIVER_SCHEMES: readonly ReceiverScheme[] = RECEIVER_SCHEME_SPECS.map((spec) => spec.scheme);

export const RECEIVER_SCHEME_NAMES = Object.fromEntries(RECEIVER_SCHEME_SPECS.map((spec) => [spec.scheme, spec.name])) as Record<
  ReceiverScheme,
  string
>;
