import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { addMember, changeMemberRole, findMembership, listMembers, removeMember } from "@/lib/tenancy";
import { ownerContext, PASSWORD, withRole } from "@/tests/fixtures";

describe("members", () => {
  it("lets an owner add a member who can then be found in the tenant", async () => {
    const owner = await ownerContext();
    const { userId, isNewAccount } = await addMember(owner, { email: "Val@Acme.test", name: "Val", role: "viewer", password: PASSWORD });
    expect(isNewAccount).toBe(true);
    expect((await findMembership(userId, "acme"))?.role).toBe("viewer");
    expect((await listMembers(owner)).map((m) => m.email)).toEqual(["owner@acme.test", "val@acme.test"]);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.action, "member.added"));
    expect(event).toMatchObject({ tenantId: owner.tenant.id, actorId: owner.userId, targetId: userId });
    expect(JSON.stringify(event?.details)).not.toContain(PASSWORD);
  });

  it("refuses a duplicate with a message on the email field", async () => {
    const owner = await ownerContext();
    await addMember(owner, { email: "val@acme.test", name: "Val", role: "viewer", password: PASSWORD });
    await expect(addMember(owner, { email: "val@acme.test", name: "Val", role: "admin", password: PASSWORD })).rejects.toMatchObject({
      code: "conflict",
      fields: { email: expect.any(String) },
    });
  });

  it("adds an existing account from another tenant without touching its password", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const result = await addMember(globex, { email: "owner@acme.test", name: "A", role: "admin", password: "another-pass-99" });
    expect(result.isNewAccount).toBe(false);
    expect(result.userId).toBe(acme.userId);
  });

  it("only lets owners manage members", async () => {
    const owner = await ownerContext();
    for (const role of ["admin", "viewer"] as const) {
      await expect(
        addMember(withRole(owner, role), { email: `x-${role}@acme.test`, name: "X", role: "viewer", password: PASSWORD }),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("never leaves a tenant without an owner", async () => {
    const owner = await ownerContext();
    await expect(changeMemberRole(owner, { userId: owner.userId!, role: "admin" })).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember(owner, { userId: owner.userId! })).rejects.toMatchObject({ code: "conflict" });

    const { userId: second } = await addMember(owner, { email: "second@acme.test", name: "S", role: "owner", password: PASSWORD });
    await changeMemberRole(owner, { userId: owner.userId!, role: "admin" });
    expect((await findMembership(owner.userId!, "acme"))?.role).toBe("admin");
    await expect(removeMember(withRole(owner, "owner"), { userId: second })).rejects.toMatchObject({ code: "conflict" });
  });

  it("removes a member, and a member of another tenant is not found", async () => {
    const owner = await ownerContext("acme");
    const other = await ownerContext("globex");
    const { userId } = await addMember(owner, { email: "gone@acme.test", name: "G", role: "viewer", password: PASSWORD });
    await expect(removeMember(other, { userId })).rejects.toMatchObject({ code: "not_found" });
    await removeMember(owner, { userId });
    expect(await findMembership(userId, "acme")).toBeNull();
    const removed = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "member.removed"), eq(auditEvents.targetId, userId)));
    expect(removed).toHaveLength(1);
  });
});
