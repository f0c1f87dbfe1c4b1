import type { Metadata } from "next";
import { AddMemberDialog } from "@/components/members/add-member-dialog";
import { MembersTable } from "@/components/members/members-table";
import { Alert, Card, CardBody, CardHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole, listMembers } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const members = await listMembers(ctx);
  const canManage = hasRole(ctx, "owner");
  return (
    <Card>
      <CardHeader
        title="Members"
        description="Owners manage members and keys, admins change integrations, viewers read."
        action={canManage ? <AddMemberDialog tenantSlug={ctx.tenant.slug} /> : undefined}
      />
      <CardBody className="grid gap-4">
        {!canManage && <Alert tone="info">You have {ctx.role} access: only owners can add or change members.</Alert>}
        <MembersTable tenantSlug={ctx.tenant.slug} members={members} canManage={canManage} />
      </CardBody>
    </Card>
  );
}
