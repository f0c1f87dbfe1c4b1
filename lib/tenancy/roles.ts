// Kept free of database imports: forms in the browser bundle use these too.
export const ROLES = ["owner", "admin", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members and API keys",
  admin: "Change integrations and settings",
  viewer: "Read only",
};
