import { getProvider } from "@/lib/providers";
import { DEFAULT_STATUS_SPELLINGS, type CanonicalStatus } from "@/lib/mapping/statuses";
import { mapStatusValues, statusValuesAt, type MappedStatuses } from "@/lib/mapping/status-values";
import type { IntegrationConfig } from "./schema";

type StatusMapping = NonNullable<IntegrationConfig["status_mapping"]>;

/** DESIGN §3: the usual spellings, used for every status the integration does not list its own for. */
export const DEFAULT_STATUS_MAPPING: Readonly<Record<CanonicalStatus, string[]>> = DEFAULT_STATUS_SPELLINGS;

export type { MappedStatuses, StatusValue } from "@/lib/mapping/status-values";

/** How many distinct values a test result carries for the live preview. */
export const STATUS_VALUES_SHOWN = 200;

/**
 * Maps the values found at `statusPath` to the canonical statuses, per status merged with the
 * defaults. Matching is exact: a value no rule lists is reported as unmapped so the admin can add
 * it, never guessed from its spelling.
 */
export function mapStatuses(data: unknown, statusPath: string, mapping: StatusMapping | undefined | null): MappedStatuses {
  return mapStatusValues(statusValuesAt(data, statusPath), mapping);
}

/**
 * Whether inventory statuses mean anything for this integration: its provider describes a status
 * feed (Custom REST), or the admin has set one up. Stripe, Slack and the like have none.
 */
export function statusMappingApplies(integration: {
  provider: string;
  config: Pick<IntegrationConfig, "status_path" | "status_mapping">;
}): boolean {
  if (getProvider(integration.provider)?.statusHints) return true;
  if (integration.config.status_path) return true;
  return Object.values(integration.config.status_mapping ?? {}).some((list) => (list?.length ?? 0) > 0);
}
