"use server";

import { tenantAction, tenantQuery } from "@/lib/action";
import type { CreateExportInput } from "@/lib/exports/schema";
import { createExport, listExports } from "@/lib/exports/service";

export const createExportAction = tenantAction("viewer", (ctx, input: CreateExportInput) => createExport(ctx, input));
export const listExportsAction = tenantQuery<null, Awaited<ReturnType<typeof listExports>>>("viewer", (ctx) => listExports(ctx));
