import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants } from "@/db/schema";
import { ssoAvailable } from "./connection";
import { spMetadataXml } from "./saml";
import { ssoUrls } from "./urls";

export async function spMetadataForTenant(slug: string, origin: string): Promise<string | null> {
  if (!ssoAvailable()) return null;
  const [tenant] = await db().select({ slug: tenants.slug }).from(tenants).where(eq(tenants.slug, slug));
  if (!tenant) return null;
  const urls = ssoUrls(origin, tenant.slug);
  return spMetadataXml({ entityId: urls.samlEntityId, acsUrl: urls.samlAcsUrl });
}
