// Kept free of server imports: the audit page's filter form lists these too.
export const ACTOR_TYPES = ["user", "api_key", "oauth_client", "system", "anonymous"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const ACTOR_TYPE_LABELS: Record<ActorType, string> = {
  user: "User",
  api_key: "API key",
  oauth_client: "OAuth client",
  system: "System",
  anonymous: "Anonymous",
};
