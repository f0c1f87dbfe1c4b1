import { randomBytes } from "node:crypto";
import { Resolver } from "node:dns/promises";
import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import { ssoDomains } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { conflict, invalid, notFound } from "@/lib/errors";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withSystem, withTenant, type TenantScope } from "@/lib/tenancy/data";
import { domainIdSchema, domainSchema } from "./schema";

export const TXT_PREFIX = "patchbay-verification=";

export type DomainView = {
  id: string;
  domain: string;
  recordName: string;
  recordValue: string;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
};

export function txtRecordFor(domain: string, token: string) {
  return { recordName: `_patchbay-verification.${domain}`, recordValue: `${TXT_PREFIX}${token}` };
}

function viewOf(row: typeof ssoDomains.$inferSelect): DomainView {
  return {
    id: row.id,
    domain: row.domain,
    ...txtRecordFor(row.domain, row.verificationToken),
    verifiedAt: row.verifiedAt,
    lastCheckedAt: row.lastCheckedAt,
  };
}

export async function listDomains(ctx: TenantContext): Promise<DomainView[]> {
  requireRole(ctx, "admin");
  const rows = await withTenant(ctx, (tx) =>
    tx.select().from(ssoDomains).where(eq(ssoDomains.tenantId, ctx.tenant.id)).orderBy(asc(ssoDomains.domain)),
  );
  return rows.map(viewOf);
}

export async function verifiedDomains(scope: TenantScope): Promise<string[]> {
  const rows = await withTenant(scope, (tx) =>
    tx
      .select({ domain: ssoDomains.domain })
      .from(ssoDomains)
      .where(and(eq(ssoDomains.tenantId, scope.tenant.id), isNotNull(ssoDomains.verifiedAt))),
  );
  return rows.map((r) => r.domain);
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export async function claimDomain(ctx: TenantContext, raw: unknown): Promise<DomainView> {
  requireRole(ctx, "owner");
  const { domain } = domainSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(ssoDomains)
      .values({ tenantId: ctx.tenant.id, domain, verificationToken: randomBytes(24).toString("base64url") })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict("That domain is already claimed.", { domain: "Already on the list." });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sso.domain_claimed",
        target: { type: "sso_domain", id: row.id },
        details: { domain },
      },
      tx,
    );
    return viewOf(row);
  });
}

function resolver(): Resolver {
  const r = new Resolver({ timeout: 3000, tries: 2 });
  const servers = env().dnsServers;
  if (servers.length > 0) r.setServers(servers);
  return r;
}

async function txtValues(name: string): Promise<string[]> {
  try {
    const records = await resolver().resolveTxt(name);
    // A TXT record may arrive split in 255-byte strings; joined, it is one value.
    return records.map((chunks) => chunks.join(""));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTFOUND" || code === "ENODATA") return [];
    throw invalid(`The DNS lookup for ${name} failed (${code ?? "error"}). Try again in a minute.`);
  }
}

/** Looks the TXT record up; a match verifies the domain for this tenant, unless another tenant verified it first. */
export async function verifyDomain(ctx: TenantContext, raw: unknown): Promise<DomainView> {
  requireRole(ctx, "owner");
  const { id } = domainIdSchema.parse(raw);
  const row = await withTenant(ctx, async (tx) => {
    const [found] = await tx
      .select()
      .from(ssoDomains)
      .where(and(eq(ssoDomains.id, id), eq(ssoDomains.tenantId, ctx.tenant.id)));
    return found;
  });
  if (!row) throw notFound("Domain");
  const { recordName, recordValue } = txtRecordFor(row.domain, row.verificationToken);
  const found = (await txtValues(recordName)).includes(recordValue);
  const now = new Date();
  if (!found) {
    await withTenant(ctx, (tx) => tx.update(ssoDomains).set({ lastCheckedAt: now }).where(eq(ssoDomains.id, row.id)));
    throw invalid(`No TXT record ${recordName} with the value ${recordValue} was found. DNS changes can take a while to appear.`);
  }
  if (row.verifiedAt) return viewOf(row);
  const taken = await withSystem("sso domain routing", (sys) =>
    sys
      .select({ id: ssoDomains.id })
      .from(ssoDomains)
      .where(and(eq(ssoDomains.domain, row.domain), isNotNull(ssoDomains.verifiedAt), ne(ssoDomains.tenantId, ctx.tenant.id))),
  );
  if (taken.length > 0) throw conflict(`${row.domain} is verified by another organisation on this Patchbay.`);
  return withTenant(ctx, async (tx) => {
    const [updated] = await tx.update(ssoDomains).set({ verifiedAt: now, lastCheckedAt: now }).where(eq(ssoDomains.id, row.id)).returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sso.domain_verified",
        target: { type: "sso_domain", id: row.id },
        details: { domain: row.domain },
      },
      tx,
    );
    return viewOf(updated!);
  });
}

export async function removeDomain(ctx: TenantContext, raw: unknown): Promise<void> {
  requireRole(ctx, "owner");
  const { id } = domainIdSchema.parse(raw);
  await withTenant(ctx, async (tx) => {
    const [row] = await tx
      .delete(ssoDomains)
      .where(and(eq(ssoDomains.id, id), eq(ssoDomains.tenantId, ctx.tenant.id)))
      .returning();
    if (!row) throw notFound("Domain");
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sso.domain_removed",
        target: { type: "sso_domain", id: row.id },
        details: { domain: row.domain },
      },
      tx,
    );
  });
}

/** The tenant a verified domain belongs to: where the sign-in page sends an email. Cross-tenant by nature. */
export async function tenantForDomain(domain: string): Promise<string | null> {
  const [row] = await withSystem("sso domain routing", (sys) =>
    sys
      .select({ tenantId: ssoDomains.tenantId })
      .from(ssoDomains)
      .where(and(eq(ssoDomains.domain, domain), isNotNull(ssoDomains.verifiedAt))),
  );
  return row?.tenantId ?? null;
}
