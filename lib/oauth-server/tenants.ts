import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
import type { TenantRef } from "@/lib/tenancy/context";
import { withSystem } from "@/lib/tenancy/data";

/** The organisation that registered a client, named on the consent page of another organisation's admin. */
export async function findTenantById(id: string): Promise<TenantRef | null> {
  const [row] = await withSystem("oauth consent", (sys) =>
    sys.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, id)),
  );
  return row ?? null;
}
