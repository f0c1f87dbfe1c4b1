"use client";

import { usePathname } from "next/navigation";
import { TabLinks } from "@/components/ui";
import type { AuthType } from "@/lib/providers/types";
import { tabsFor } from "./integration-tabs";

export function IntegrationTabLinks({ base, authType }: { base: string; authType: AuthType }) {
  const pathname = usePathname();
  const items = tabsFor(authType).map((tab) => ({ href: tab.segment ? `${base}/${tab.segment}` : base, label: tab.label }));
  return <TabLinks label="Integration sections" current={pathname} items={items} />;
}
