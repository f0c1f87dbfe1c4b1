"use server";

import { headers } from "next/headers";
import { tenantAction } from "@/lib/action";
import { issuePasswordReset } from "@/lib/auth/passwords";
import { requestOrigin } from "@/lib/http/request-origin";
import { changeMemberRole, removeMember } from "@/lib/tenancy";
import { inviteMember, revokeInvitation } from "@/lib/tenancy/invitations";
import type { InviteMemberInput } from "@/lib/tenancy/schema";

// Links are built on the address the admin is using (or PATCHBAY_PUBLIC_URL), so they open from where they were copied.
async function origin() {
  return requestOrigin(await headers());
}

export const inviteMemberAction = tenantAction("admin", async (ctx, input: InviteMemberInput) => inviteMember(ctx, input, await origin()));
export const revokeInvitationAction = tenantAction("admin", revokeInvitation);
export const issuePasswordResetAction = tenantAction("owner", async (ctx, input: { userId: string }) =>
  issuePasswordReset(ctx, input, await origin()),
);
export const changeMemberRoleAction = tenantAction("owner", changeMemberRole);
export const removeMemberAction = tenantAction("owner", removeMember);
