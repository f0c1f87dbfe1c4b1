import type { CanonicalStatus } from "@/lib/integrations/schema";

export const STATUS_LABELS: Record<CanonicalStatus, string> = {
  available: "Available",
  reserved: "Reserved",
  hold: "Hold",
  sold: "Sold",
  unreleased: "Unreleased",
  unavailable: "Unavailable",
  coming_soon: "Coming soon",
};
