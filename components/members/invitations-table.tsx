import { Badge, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { PendingInvitation } from "@/lib/tenancy/invitations";
import { RevokeInvitationButton } from "./revoke-invitation-button";

/** Invitations not yet accepted, withdrawn or expired; an admin withdraws one here (owners' invitations only by owners). */
export function InvitationsTable({
  tenantSlug,
  invitations,
  canRevokeOwners,
}: {
  tenantSlug: string;
  invitations: PendingInvitation[];
  canRevokeOwners: boolean;
}) {
  return (
    <Table aria-label="Pending invitations">
      <THead>
        <Tr>
          <Th>Invited</Th>
          <Th>Role</Th>
          <Th>Expires</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {invitations.map((i) => (
          <Tr key={i.id}>
            <Td>
              <p className="font-medium break-all">{i.email}</p>
              {i.invitedBy && <p className="text-muted-foreground">by {i.invitedBy}</p>}
            </Td>
            <Td>
              <Badge tone={i.role === "owner" ? "info" : "neutral"}>{i.role}</Badge>
            </Td>
            <Td>
              <RelativeTime value={i.expiresAt} />
            </Td>
            <Td className="text-right">
              {(i.role !== "owner" || canRevokeOwners) && (
                <RevokeInvitationButton tenantSlug={tenantSlug} invitationId={i.id} email={i.email} />
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
