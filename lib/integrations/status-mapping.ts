import { selectValues } from "./json-path";
import { CANONICAL_STATUSES, type CanonicalStatus, type IntegrationConfig } from "./schema";

type StatusMapping = NonNullable<IntegrationConfig["status_mapping"]>;

/** DESIGN §3: the usual spellings, used when an integration has no mapping of its own. */
export const DEFAULT_STATUS_MAPPING: Record<CanonicalStatus, string[]> = {
  available: ["Available", "AVAILABLE", "available", "Open", "OPEN"],
  reserved: ["Reserved", "RESERVED", "reserved"],
  hold: ["Hold", "HOLD", "OnHold", "ON_HOLD", "on_hold", "Pending"],
  sold: ["Sold", "SOLD", "sold", "Purchased", "PURCHASED"],
  unreleased: ["Unreleased", "UNRELEASED", "unreleased", "Future"],
  unavailable: ["Unavailable", "UNAVAILABLE", "unavailable", "NotForSale"],
  coming_soon: ["ComingSoon", "COMING_SOON", "coming_soon", "Announced"],
};

export type MappedStatuses = { counts: Partial<Record<CanonicalStatus, number>>; unmapped: string[] };

/**
 * Maps the values found at `statusPath` to the canonical statuses. Matching is exact: a value
 * no rule lists is reported as unmapped so the admin can add it, never guessed from its spelling.
 */
export function mapStatuses(data: unknown, statusPath: string, mapping: StatusMapping | undefined): MappedStatuses {
  const rules = mapping && Object.keys(mapping).length > 0 ? mapping : DEFAULT_STATUS_MAPPING;
  const lookup = new Map<string, CanonicalStatus>();
  for (const status of CANONICAL_STATUSES) {
    for (const value of rules[status] ?? []) if (!lookup.has(value)) lookup.set(value, status);
  }
  const counts: MappedStatuses["counts"] = {};
  const unmapped = new Set<string>();
  for (const raw of selectValues(data, statusPath)) {
    if (raw === null || typeof raw === "object") continue;
    const value = String(raw);
    const status = lookup.get(value);
    if (status) counts[status] = (counts[status] ?? 0) + 1;
    else unmapped.add(value);
  }
  return { counts, unmapped: [...unmapped] };
}
