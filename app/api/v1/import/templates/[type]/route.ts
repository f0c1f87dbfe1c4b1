import { apiRoute } from "@/lib/api/handler";
import { fileResponse } from "@/lib/api/file-response";
import { queryOf } from "@/lib/api/read-json";
import { templateQuerySchema } from "@/lib/imports/schema";
import { importTemplate } from "@/lib/imports/templates";

export const GET = apiRoute<{ type: string }>("imports:write", async (req, { tenant, params }) => {
  const { format } = templateQuerySchema.parse(queryOf(req));
  return fileResponse(await importTemplate(tenant, params.type, format));
});
