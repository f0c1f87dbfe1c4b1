import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listAuditEvents } from "@/lib/audit/queries";

export const GET = apiRoute("audit:read", async (req, { tenant }) => listAuditEvents(tenant, queryOf(req)));
