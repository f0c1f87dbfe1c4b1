"use server";

import { tenantAction, tenantQuery } from "@/lib/action";
import { addConnectorStreams, listConnectorStreams } from "@/lib/sync/connector-streams";
import { listEntities } from "@/lib/sync/entities";
import { previewStream, sampleSource } from "@/lib/sync/preview";
import { cancelRun, getRun, listRunErrors, listRuns } from "@/lib/sync/run-service";
import { requestSync } from "@/lib/sync/start";
import { createStream, deleteStream, listStreams, updateStream } from "@/lib/sync/streams";

export const syncOverviewAction = tenantQuery("viewer", async (ctx, input: { integrationId: string }) => ({
  streams: await listStreams(ctx, input.integrationId),
  runs: (await listRuns(ctx, input.integrationId, { limit: 20 })).data,
  connector: await listConnectorStreams(ctx, input.integrationId),
}));

export const addConnectorStreamsAction = tenantAction("admin", (ctx, input: { integrationId: string }) =>
  addConnectorStreams(ctx, input.integrationId, {}),
);

export const runDetailAction = tenantQuery("viewer", async (ctx, input: { runId: string }) => ({
  run: await getRun(ctx, input.runId),
  errors: (await listRunErrors(ctx, input.runId, { limit: 100 })).data,
}));

export const entitiesAction = tenantQuery("viewer", (ctx) => listEntities(ctx));

export const createStreamAction = tenantAction("admin", (ctx, input: { integrationId: string; body: unknown }) =>
  createStream(ctx, input.integrationId, input.body),
);

export const updateStreamAction = tenantAction("admin", (ctx, input: { integrationId: string; streamId: string; body: unknown }) =>
  updateStream(ctx, input.integrationId, input.streamId, input.body),
);

export const deleteStreamAction = tenantAction("admin", (ctx, input: { integrationId: string; streamId: string }) =>
  deleteStream(ctx, input.integrationId, input.streamId),
);

export const previewStreamAction = tenantQuery("admin", (ctx, input: { integrationId: string; streamId: string; body: unknown }) =>
  previewStream(ctx, input.integrationId, input.streamId, input.body),
);

export const runSyncAction = tenantAction(
  "admin",
  (ctx, input: { integrationId: string; streamId: string; type: "full" | "incremental" }) =>
    requestSync(ctx, input.integrationId, { stream_id: input.streamId, type: input.type }),
);

export const cancelRunAction = tenantAction("admin", (ctx, input: { runId: string }) => cancelRun(ctx, input.runId));

export const sampleSourceAction = tenantQuery("admin", (ctx, input: { integrationId: string; source: unknown }) =>
  sampleSource(ctx, input.integrationId, input.source),
);
