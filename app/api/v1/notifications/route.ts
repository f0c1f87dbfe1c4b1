import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listNotifications } from "@/lib/alerts";

export const GET = apiRoute("alerts:read", async (req, { tenant }) => listNotifications(tenant, queryOf(req)));
