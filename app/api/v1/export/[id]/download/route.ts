import { apiRoute } from "@/lib/api/handler";
import { fileResponse } from "@/lib/api/file-response";
import { queryOf } from "@/lib/api/read-json";
import { downloadExport } from "@/lib/exports/service";
import { downloadQuerySchema } from "@/lib/exports/schema";

export const GET = apiRoute<{ id: string }>("exports:read", async (req, { tenant, params }) => {
  const { file } = downloadQuerySchema.parse(queryOf(req));
  return fileResponse(await downloadExport(tenant, params.id, file));
});
