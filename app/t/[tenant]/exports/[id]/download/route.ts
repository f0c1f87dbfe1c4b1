import { fileResponse } from "@/lib/api/file-response";
import { downloadQuerySchema } from "@/lib/exports/schema";
import { downloadExport } from "@/lib/exports/service";
import { browserRoute } from "@/lib/imports/browser-route";

export const GET = browserRoute<{ tenant: string; id: string }>(async (req, ctx, params) => {
  const { file } = downloadQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return fileResponse(await downloadExport(ctx, params.id, file));
});
