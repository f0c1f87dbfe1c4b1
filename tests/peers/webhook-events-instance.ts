/**
 * The app side of the worker resilience tests, as a separate process on the test's own
 * PostgreSQL server, through the production path:
 *   setup SLUG SUBSCRIBER_URL     migrate, make tenant SLUG with one endpoint at SUBSCRIBER_URL
 *   emit SLUG FROM COUNT          emit COUNT events for SLUG (numbered from FROM)
 *   succeeded SLUG                print how many of SLUG's deliveries succeeded
 */
import { and, eq } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { bootstrap, findMembership } from "@/lib/tenancy";
import { createEndpoint } from "@/lib/webhooks/endpoints";

async function owner(slug: string) {
  const email = `owner@${slug}.test`;
  const { userId } = await bootstrap({ tenantSlug: slug, tenantName: slug.toUpperCase(), email, password: "correct-horse-42" });
  const membership = (await findMembership(userId, slug))!;
  return { tenant: membership.tenant, role: membership.role, userId, actor: { type: "user" as const, id: userId, label: email } };
}

async function main() {
  const [command, slug, a, b] = process.argv.slice(2) as [string, string, string?, string?];
  if (command === "setup") {
    await migrateDatabase();
    await createEndpoint(await owner(slug), { url: a! });
  } else if (command === "emit") {
    const { tenant } = await owner(slug);
    for (let i = Number(a); i < Number(a) + Number(b); i++) {
      await emitEvent(tenant.id, "integration.deleted", { id: `6b8e2f4a-1c3d-4e5f-8a9b-${String(i).padStart(12, "0")}` });
    }
  } else if (command === "succeeded") {
    const { tenant } = await owner(slug);
    const rows = await db()
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.tenantId, tenant.id), eq(webhookDeliveries.status, "succeeded")));
    console.log(rows.length);
  }
  await closeDatabase();
}

void main();
