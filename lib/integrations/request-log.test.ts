import { describe, expect, it } from "vitest";
import { ownerContext } from "@/tests/fixtures";
import { createIntegration, listRequestLogs } from "./index";
import { recordRequest } from "./request-log";

describe("request log", () => {
  it("pages newest first without repeating or skipping an entry, also when filtered", async () => {
    const owner = await ownerContext();
    const { id } = await createIntegration(owner, {
      name: "Paged",
      provider: "custom_rest",
      auth_type: "none",
      base_url: "https://api.example.com",
    });
    for (let i = 0; i < 7; i++) {
      await recordRequest({
        tenantId: owner.tenant.id,
        integrationId: id,
        source: "test",
        sourceId: null,
        method: "GET",
        url: `https://api.example.com/call/${i}`,
        requestHeaders: {},
        statusCode: i % 3 === 0 ? 500 : 200,
        durationMs: i,
        responseExcerpt: null,
        success: i % 3 !== 0,
        error: null,
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRequestLogs(owner, id, { limit: 3, cursor });
      seen.push(...page.data.map((e) => e.url.slice(-1)));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["6", "5", "4", "3", "2", "1", "0"]);

    const failed = await listRequestLogs(owner, id, { success: "false", limit: 2 });
    expect(failed.data.map((e) => e.status_code)).toEqual([500, 500]);
    const rest = await listRequestLogs(owner, id, { success: "false", limit: 2, cursor: failed.next_cursor! });
    expect(rest).toMatchObject({ data: [{ url: "https://api.example.com/call/0" }], next_cursor: null });
  });
});
