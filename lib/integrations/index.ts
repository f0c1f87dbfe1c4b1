export * from "./mutations";
export * from "./queries";
export * from "./schema";
export { listRequestLogs, pruneRequestLogs } from "./request-log";
export { DEFAULT_STATUS_MAPPING, mapStatuses, type MappedStatuses } from "./status-mapping";
export { testConnection, type TestConnectionResult } from "./test-connection";
export type { IntegrationView } from "./view";
