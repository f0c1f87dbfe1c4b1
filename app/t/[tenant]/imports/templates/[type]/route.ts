import { fileResponse } from "@/lib/api/file-response";
import { browserRoute } from "@/lib/imports/browser-route";
import { templateQuerySchema } from "@/lib/imports/schema";
import { importTemplate } from "@/lib/imports/templates";

export const GET = browserRoute<{ tenant: string; type: string }>(async (req, ctx, params) => {
  const { format } = templateQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return fileResponse(await importTemplate(ctx, decodeURIComponent(params.type), format));
});
