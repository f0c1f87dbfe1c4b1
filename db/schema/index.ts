export * from "./tenancy";
export * from "./api-keys";
export * from "./audit";
export * from "./rate-limits";
export * from "./idempotency";
export * from "./integrations";
export * from "./webhooks";
