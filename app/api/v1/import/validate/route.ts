import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { dryRunImport } from "@/lib/imports/dry-run";

export const POST = apiRoute("imports:write", async (req, { tenant }) => dryRunImport(tenant, await readJson(req)));
