import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "@/db/client";
import { auditEvents, memberships, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { bootstrap, completeSetup, hasAnyUser } from "@/lib/tenancy";
import { verifyPassword } from "@/lib/auth/password";

const input = { tenantName: "Acme", tenantSlug: "acme", name: "Ada", email: "Ada@Example.com", password: "correct-horse-42" };
const anonymous = { type: "anonymous" as const, ip: "127.0.0.1" };

describe("first-run setup", () => {
  it("creates the organisation and its owner once, then refuses", async () => {
    expect(await hasAnyUser()).toBe(false);
    const { tenant, user } = await completeSetup(input, anonymous);
    expect(tenant.slug).toBe("acme");
    expect(user.email).toBe("ada@example.com");
    const [member] = await db().select().from(memberships).where(eq(memberships.userId, user.id));
    expect(member?.role).toBe("owner");
    const [stored] = await db().select().from(users).where(eq(users.id, user.id));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored?.passwordHash, input.password)).toBe(true);
    expect(await hasAnyUser()).toBe(true);

    await expect(completeSetup({ ...input, tenantSlug: "other", email: "eve@example.com" }, anonymous)).rejects.toMatchObject({
      code: "forbidden",
    });
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.action, "setup.completed"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.details)).not.toContain(input.password);
  });

  it("makes one owner when two people submit at the same moment", async () => {
    const results = await Promise.allSettled([
      completeSetup(input, anonymous),
      completeSetup({ ...input, tenantSlug: "rival", email: "rival@example.com" }, anonymous),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AppError);
    expect(await db().select().from(users)).toHaveLength(1);
  });

  it("names the fields that break the rules and writes nothing", async () => {
    const error = await completeSetup({ ...input, tenantSlug: "Bad Slug!", password: "short" }, anonymous).catch((e) => e);
    expect(error).toBeInstanceOf(ZodError);
    const fields = (error as ZodError).issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["tenantSlug", "password"]));
    expect(await hasAnyUser()).toBe(false);
  });
});

describe("bootstrap", () => {
  it("is idempotent and keeps an existing password", async () => {
    const first = await bootstrap({ tenantSlug: "ops", email: "ops@example.com", password: "first-password-1" });
    expect(first.created).toEqual(["tenant", "user", "membership"]);
    const second = await bootstrap({ tenantSlug: "ops", email: "ops@example.com", password: "second-password-2" });
    expect(second.created).toEqual([]);
    expect(second.userId).toBe(first.userId);
    const [stored] = await db().select().from(users).where(eq(users.id, first.userId));
    expect(await verifyPassword(stored?.passwordHash, "first-password-1")).toBe(true);
  });
});
