import type { Metadata } from "next";
import { AddMemberDialog } from "@/components/members/add-member-dialog";
import { MemberRoleSelect } from "@/components/members/member-role-select";
import { RemoveMemberButton } from "@/components/members/remove-member-button";
import { Alert, Badge, Card, CardBody, CardHeader, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
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
        <Table>
          <THead>
            <Tr>
              <Th>Member</Th>
              <Th>Role</Th>
              <Th>Last sign-in</Th>
              {canManage && (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </Tr>
          </THead>
          <TBody>
            {members.map((m) => (
              <Tr key={m.userId}>
                <Td>
                  <p className="font-medium">{m.name}</p>
                  <p className="text-muted-foreground">{m.email}</p>
                </Td>
                <Td>
                  {canManage ? (
                    <MemberRoleSelect tenantSlug={ctx.tenant.slug} userId={m.userId} email={m.email} role={m.role} />
                  ) : (
                    <Badge tone={m.role === "owner" ? "info" : "neutral"}>{m.role}</Badge>
                  )}
                </Td>
                <Td>
                  <RelativeTime value={m.lastSignInAt} />
                </Td>
                {canManage && (
                  <Td className="text-right">
                    <RemoveMemberButton tenantSlug={ctx.tenant.slug} userId={m.userId} email={m.email} />
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      </CardBody>
    </Card>
  );
}
