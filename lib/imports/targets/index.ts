import "server-only";
import { invalid } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { integrationsTarget } from "./integrations";
import type { ImportTarget } from "./types";

export type { ImportTarget, TargetField } from "./types";

/** The target a key names, for this tenant (an entity's fields are the tenant's own). */
export async function importTarget(_ctx: TenantContext, key: string): Promise<ImportTarget> {
  if (key === "integrations") return integrationsTarget;
  throw invalid("Check the highlighted fields.", { target: `There is no import target ${key}.` });
}
