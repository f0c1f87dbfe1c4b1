import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { changeMemberRole, findMembership, listMembers, removeMember } from "@/lib/tenancy";
import { addMemberViaInvitation, ownerContext, withRole } from "@/tests/fixtures";

describe("members", () => {
  it("lists the tenant's members by email", async () => {
    const owner = await ownerContext();
    await addMemberViaInvitation(owner, { email: "Val@Acme.test", role: "viewer" });
    expect((await listMembers(owner)).map((m) => m.email)).toEqual(["owner@acme.test", "val@acme.test"]);
  });

  it("only lets owners change roles and remove members", async () => {
    const owner = await ownerContext();
    const { userId } = await addMemberViaInvitation(owner, { email: "val@acme.test", role: "viewer" });
    for (const role of ["admin", "viewer"] as const) {
      await expect(changeMemberRole(withRole(owner, role), { userId, role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(removeMember(withRole(owner, role), { userId })).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("never leaves a tenant without an owner", async () => {
    const owner = await ownerContext();
    await expect(changeMemberRole(owner, { userId: owner.userId!, role: "admin" })).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember(owner, { userId: owner.userId! })).rejects.toMatchObject({ code: "conflict" });

    const { userId: second } = await addMemberViaInvitation(owner, { email: "second@acme.test", role: "owner" });
    await changeMemberRole(owner, { userId: owner.userId!, role: "admin" });
    expect((await findMembership(owner.userId!, "acme"))?.role).toBe("admin");
    await expect(removeMember(withRole(owner, "owner"), { userId: second })).rejects.toMatchObject({ code: "conflict" });
  });

  it("removes a member, and a member of another tenant is not found", async () => {
    const owner = await ownerContext("acme");
    const other = await ownerContext("globex");
    const { userId } = await addMemberViaInvitation(owner, { email: "gone@acme.test", role: "viewer" });
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
