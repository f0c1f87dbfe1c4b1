/** The seven canonical statuses of DESIGN §3 and the spellings each maps by default. */
export const CANONICAL_STATUSES = ["available", "reserved", "hold", "sold", "unreleased", "unavailable", "coming_soon"] as const;
export type CanonicalStatus = (typeof CANONICAL_STATUSES)[number];

export type StatusSpellings = Record<CanonicalStatus, string[]>;

export const DEFAULT_STATUS_SPELLINGS: Readonly<StatusSpellings> = Object.freeze({
  available: ["Available", "AVAILABLE", "available", "Open", "OPEN"],
  reserved: ["Reserved", "RESERVED", "reserved"],
  hold: ["Hold", "HOLD", "OnHold", "ON_HOLD", "on_hold", "Pending"],
  sold: ["Sold", "SOLD", "sold", "Purchased", "PURCHASED"],
  unreleased: ["Unreleased", "UNRELEASED", "unreleased", "Future"],
  unavailable: ["Unavailable", "UNAVAILABLE", "unavailable", "NotForSale"],
  coming_soon: ["ComingSoon", "COMING_SOON", "coming_soon", "Announced"],
});

/**
 * The effective spellings: a status the admin filled replaces only its own default list; the
 * others keep theirs. An empty or absent list means "not customised", so the default stays.
 */
export function mergeStatusMapping(custom: Partial<Record<CanonicalStatus, readonly string[]>> | undefined | null): StatusSpellings {
  // A spelling the admin put under one status is taken out of the other statuses' defaults,
  // so "Pending" moved from hold to reserved maps to reserved, not to whichever comes first.
  const claimed = new Set<string>();
  for (const status of CANONICAL_STATUSES) if (isCustomised(custom, status)) for (const value of custom![status]!) claimed.add(value);
  const merged = {} as StatusSpellings;
  for (const status of CANONICAL_STATUSES) {
    merged[status] = isCustomised(custom, status)
      ? [...new Set(custom![status]!)]
      : DEFAULT_STATUS_SPELLINGS[status].filter((value) => !claimed.has(value));
  }
  return merged;
}

/** Whether a status's list is the admin's own rather than the default. */
export function isCustomised(
  custom: Partial<Record<CanonicalStatus, readonly string[]>> | undefined | null,
  status: CanonicalStatus,
): boolean {
  return (custom?.[status]?.length ?? 0) > 0;
}
