"use client";

import { useRouter } from "next/navigation";
import { Select } from "@/components/ui";

type Tenant = { slug: string; name: string };

export function TenantSwitcher({ tenants, current }: { tenants: Tenant[]; current: string }) {
  const router = useRouter();
  if (tenants.length < 2) {
    return <p className="truncate px-1 text-sm font-semibold">{tenants.find((t) => t.slug === current)?.name}</p>;
  }
  return (
    <div>
      <label htmlFor="tenant-switcher" className="sr-only">
        Organisation
      </label>
      <Select id="tenant-switcher" value={current} onChange={(e) => router.push(`/t/${e.target.value}`)}>
        {tenants.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
