import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { EVENT_CATALOG } from "@/lib/webhooks";

export const GET = apiRoute("webhooks:read", async () => ({
  data: EVENT_CATALOG.map((e) => ({
    type: e.type,
    group: e.group,
    description: e.description,
    schema: z.toJSONSchema(e.schema, { unrepresentable: "any" }),
    example: e.example,
  })),
}));
