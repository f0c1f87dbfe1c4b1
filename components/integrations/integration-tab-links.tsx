"use client";

import { usePathname } from "next/navigation";
import { TabLinks } from "@/components/ui";
import { INTEGRATION_TABS } from "./integration-tabs";

export function IntegrationTabLinks({ base }: { base: string }) {
  const pathname = usePathname();
  const items = INTEGRATION_TABS.map((tab) => ({ href: tab.segment ? `${base}/${tab.segment}` : base, label: tab.label }));
  return <TabLinks label="Integration sections" current={pathname} items={items} />;
}
