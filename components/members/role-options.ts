import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/tenancy/roles";

export const ROLE_OPTIONS = ROLES.map((role) => ({
  value: role,
  label: `${role[0]!.toUpperCase()}${role.slice(1)} — ${ROLE_DESCRIPTIONS[role]}`,
}));
