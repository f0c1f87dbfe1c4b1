import { AppError, invalid } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { entityTarget } from "./entities";
import { integrationsTarget } from "./integrations";
import type { ImportTarget } from "./types";

export type { ImportTarget, TargetField } from "./types";

/** The target a key names, for this tenant (an entity's fields are the tenant's own). */
export async function importTarget(ctx: TenantContext, key: string): Promise<ImportTarget> {
  if (key === "integrations") return integrationsTarget;
  const entity = /^entity:([a-z][a-z0-9_]{0,62})$/.exec(key)?.[1];
  if (entity) {
    try {
      return await entityTarget(ctx, entity);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found")
        throw invalid("Check the highlighted fields.", { target: `There is no entity ${entity}.` });
      throw error;
    }
  }
  throw invalid("Check the highlighted fields.", { target: `There is no import target ${key}.` });
}
