import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";

const API_ROOT = path.join(process.cwd(), "app", "api", "v1");

/** Every (method, path) that exists as a route handler under app/api/v1. */
function routesOnDisk(dir = API_ROOT): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routesOnDisk(full));
    else if (entry.name === "route.ts") {
      const route =
        "/" +
        path
          .relative(API_ROOT, dir)
          .split(path.sep)
          .join("/")
          .replace(/\[(\w+)\]/g, "{$1}");
      for (const [, method] of fs
        .readFileSync(full, "utf8")
        .matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)) {
        found.push(`${method!.toLowerCase()} ${route}`);
      }
    }
  }
  return found.sort();
}

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument();

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists exactly the routes that exist under app/api/v1", () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
      .sort();
    expect(documented).toEqual(routesOnDisk());
  });

  it("describes bodies from the routes' own zod schemas, with examples and error responses", () => {
    const create = doc.paths["/api-keys"]!.post as {
      requestBody: {
        content: { "application/json": { schema: { required: string[]; properties: Record<string, unknown> }; example: unknown } };
      };
      responses: Record<string, unknown>;
    };
    const body = create.requestBody.content["application/json"];
    expect(body.schema.required).toEqual(expect.arrayContaining(["name", "scopes"]));
    expect(Object.keys(body.schema.properties)).toEqual(expect.arrayContaining(["expires_on", "ip_allowlist", "rate_limit_per_minute"]));
    expect(body.example).toBeDefined();
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "413", "415", "422", "429"]));
  });
});

describe("the reference's groups", () => {
  it("puts every operation in a resource's group, none in a default one", () => {
    const doc = buildOpenApiDocument();
    const tags = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => (op as { tags: string[] }).tags));
    expect(tags.every((t) => t.length === 1 && t[0] !== "default")).toBe(true);
    expect(doc.tags.map((t) => t.name)).toEqual(
      expect.arrayContaining(["Integrations", "Health", "OAuth", "Incoming webhooks", "Webhooks", "API keys"]),
    );
    expect(doc.paths["/integrations/{id}/health/checks"]!.get).toMatchObject({ tags: ["Health"] });
    expect(doc.paths["/webhooks/{id}/deliveries"]!.get).toMatchObject({ tags: ["Webhooks"] });
  });
});
