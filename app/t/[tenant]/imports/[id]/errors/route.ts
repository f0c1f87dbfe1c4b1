import { fileResponse } from "@/lib/api/file-response";
import { browserRoute } from "@/lib/imports/browser-route";
import { errorReport } from "@/lib/imports/report";
import { errorReportQuerySchema } from "@/lib/imports/schema";

export const GET = browserRoute<{ tenant: string; id: string }>(async (req, ctx, params) => {
  const { format } = errorReportQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return fileResponse(await errorReport(ctx, params.id, format));
});
