"use server";

import { tenantAction } from "@/lib/action";
import { addMember, changeMemberRole, removeMember } from "@/lib/tenancy";

const membersPage = (slug: string) => `/t/${slug}/settings/members`;

export const addMemberAction = tenantAction("owner", addMember, membersPage);
export const changeMemberRoleAction = tenantAction("owner", changeMemberRole, membersPage);
export const removeMemberAction = tenantAction("owner", removeMember, membersPage);
