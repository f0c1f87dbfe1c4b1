/**
 * The rules engine shared by sync, imports and the status mapping. Isomorphic: no server-only,
 * database or node: imports, so the mapping editor runs it in the browser for the live preview.
 */
export * from "./schema";
export { CANONICAL_STATUSES, DEFAULT_STATUS_SPELLINGS, mergeStatusMapping, type CanonicalStatus, type StatusSpellings } from "./statuses";
export { jsonPathValues, isJsonPath, jsonPathOf, isSingularPath } from "./json-path";
export { MAX_REGEX_INPUT, MAX_REGEX_PATTERN } from "./regex";

export { createRunState, type CompiledMapping, type FieldError, type MapResult, type RunState } from "./types";

export { compileMapping, mappingProblems, parseMapping } from "./engine";

export { suggestMapping, normaliseName, editDistance } from "./suggest";

export { previewMapping, type MappingPreview } from "./preview";
