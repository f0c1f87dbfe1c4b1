export { checkIntegrationNow } from "./check-now";
export { getIntegrationHealth, listHealthChecks, listIntegrationHealth, tenantHealthOverview } from "./queries";
export type {
  HealthCheckView,
  HourPoint,
  IntegrationHealthDetail,
  IntegrationHealthListItem,
  TenantHealthOverview,
  TransitionView,
} from "./queries";
export { recordHealthCheck, recordCheckResults } from "./record";
export { pruneHealthHistory } from "./retention";
export { thresholdsView, updateHealthThresholds } from "./thresholds";
