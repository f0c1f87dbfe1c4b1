// What other features (imports) use of the sync engine.
export {
  entityIdFor,
  upsertRecords,
  markUnseenDeleted,
  deleteRecordsByExternalId,
  type RecordSource,
  type RecordRow,
  type UpsertResult,
} from "./records";
export {
  createRun,
  addRunProgress,
  addRunErrors,
  finishRun,
  ChangeBatch,
  emitRunFailed,
  type SyncRunRow,
  type RunErrorInput,
} from "./runs";
export { canonicalJson, recordHash } from "./canonical";
export { listEntities, getEntity, loadEntity, createEntity, updateEntity, deleteEntity, listRecords, getRecord } from "./entities";
