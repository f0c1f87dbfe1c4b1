import { Badge, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { listMembers } from "@/lib/tenancy";
import { MemberRoleSelect } from "./member-role-select";
import { RemoveMemberButton } from "./remove-member-button";
import { ResetPasswordButton } from "./reset-password-button";

type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

/** The tenant's members; owners change roles in place and remove members, others see the role. */
export function MembersTable({
  tenantSlug,
  members,
  canManage,
  selfId,
}: {
  tenantSlug: string;
  members: MemberRow[];
  canManage: boolean;
  selfId: string | undefined;
}) {
  return (
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
                <MemberRoleSelect tenantSlug={tenantSlug} userId={m.userId} email={m.email} role={m.role} />
              ) : (
                <Badge tone={m.role === "owner" ? "info" : "neutral"}>{m.role}</Badge>
              )}
            </Td>
            <Td>
              <RelativeTime value={m.lastSignInAt} />
            </Td>
            {canManage && (
              <Td className="text-right whitespace-nowrap">
                {m.userId !== selfId && <ResetPasswordButton tenantSlug={tenantSlug} userId={m.userId} email={m.email} />}
                <RemoveMemberButton tenantSlug={tenantSlug} userId={m.userId} email={m.email} />
              </Td>
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
