import type { Metadata } from "next";
import { InvitationsTable } from "@/components/members/invitations-table";
import { InviteMemberDialog } from "@/components/members/invite-member-dialog";
import { MembersTable } from "@/components/members/members-table";
import { Alert, Card, CardBody, CardHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole, listMembers } from "@/lib/tenancy";
import { listPendingInvitations } from "@/lib/tenancy/invitations";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const canInvite = hasRole(ctx, "admin");
  const canManage = hasRole(ctx, "owner");
  const [members, invitations] = await Promise.all([listMembers(ctx), canInvite ? listPendingInvitations(ctx) : []]);
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="Members"
          description="Owners manage members and keys, admins change integrations and invite, viewers read."
          action={canInvite ? <InviteMemberDialog tenantSlug={ctx.tenant.slug} canInviteOwners={canManage} /> : undefined}
        />
        <CardBody className="grid gap-4">
          {!canInvite && (
            <Alert tone="info">You have {ctx.role} access: only owners and admins can invite, only owners change members.</Alert>
          )}
          <MembersTable tenantSlug={ctx.tenant.slug} members={members} canManage={canManage} selfId={ctx.userId} />
        </CardBody>
      </Card>
      {canInvite && (
        <Card>
          <CardHeader title="Pending invitations" description="Each link works once and expires after 7 days." />
          <CardBody>
            {invitations.length === 0 ? (
              <p className="text-sm text-muted-foreground">No pending invitations. Invite someone with Invite member.</p>
            ) : (
              <InvitationsTable tenantSlug={ctx.tenant.slug} invitations={invitations} canRevokeOwners={canManage} />
            )}
          </CardBody>
        </Card>
      )}
    </div>
  );
}
