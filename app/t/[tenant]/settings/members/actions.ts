"use server";

import { tenantAction } from "@/lib/action";
import { addMember, changeMemberRole, removeMember } from "@/lib/tenancy";

export const addMemberAction = tenantAction("owner", addMember);
export const changeMemberRoleAction = tenantAction("owner", changeMemberRole);
export const removeMemberAction = tenantAction("owner", removeMember);
