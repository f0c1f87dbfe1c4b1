"use server";

import { tenantQuery } from "@/lib/action";
import { listAuditEvents } from "@/lib/audit/queries";
import type { ListAuditEventsInput } from "@/lib/audit/schema";

export const listAuditEventsAction = tenantQuery("admin", (ctx, input: ListAuditEventsInput) => listAuditEvents(ctx, input));
