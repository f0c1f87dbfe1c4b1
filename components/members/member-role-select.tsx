"use client";

import { useState, useTransition } from "react";
import { changeMemberRoleAction } from "@/app/t/[tenant]/settings/members/actions";
import { Select, useToast } from "@/components/ui";
import { ROLES, type Role } from "@/lib/tenancy/roles";

export function MemberRoleSelect({ tenantSlug, userId, email, role }: { tenantSlug: string; userId: string; email: string; role: Role }) {
  const [value, setValue] = useState(role);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();

  const change = (next: Role) => {
    setValue(next);
    startTransition(async () => {
      const result = await changeMemberRoleAction(tenantSlug, { userId, role: next });
      if (result.ok) toast({ tone: "success", title: `${email} is now ${next}` });
      else {
        setValue(role);
        toast({ tone: "danger", title: "Role not changed", description: result.error });
      }
    });
  };

  return (
    <Select
      aria-label={`Role of ${email}`}
      value={value}
      disabled={pending}
      onChange={(e) => change(e.target.value as Role)}
      className="w-32"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </Select>
  );
}
