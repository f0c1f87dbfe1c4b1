"use server";

import { tenantAction, tenantQuery } from "@/lib/action";
import { dryRunImport } from "@/lib/imports/dry-run";
import { executeImport } from "@/lib/imports/execute";
import type { ExecuteImportInput, ValidateImportInput } from "@/lib/imports/schema";
import { importStatus, listImports } from "@/lib/imports/status";

export const dryRunAction = tenantAction("admin", (ctx, input: ValidateImportInput) => dryRunImport(ctx, input));
export const executeImportAction = tenantAction("admin", (ctx, input: ExecuteImportInput) => executeImport(ctx, input));
export const importStatusAction = tenantQuery("viewer", (ctx, id: string) => importStatus(ctx, id));
export const listImportsAction = tenantQuery<null, Awaited<ReturnType<typeof listImports>>>("viewer", (ctx) => listImports(ctx));
