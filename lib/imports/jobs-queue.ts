export const IMPORT_QUEUES = { execute: "import.execute", export: "export.build", prune: "export.prune" } as const;
