import { apiRoute } from "@/lib/api/handler";
import { fileResponse } from "@/lib/api/file-response";
import { queryOf } from "@/lib/api/read-json";
import { errorReport } from "@/lib/imports/report";
import { errorReportQuerySchema } from "@/lib/imports/schema";

export const GET = apiRoute<{ id: string }>("imports:write", async (req, { tenant, params }) => {
  const { format } = errorReportQuerySchema.parse(queryOf(req));
  return fileResponse(await errorReport(tenant, params.id, format));
});
