"use client";

import { usePathname } from "next/navigation";
import { TabLinks } from "@/components/ui";

/**
 * The detail page's tabs, each a route segment under `integrations/[id]/`. A feature adds its
 * tab by adding its segment here and a `page.tsx` in that folder.
 */
export const INTEGRATION_TABS = [
  { segment: "", label: "Overview" },
  { segment: "settings", label: "Settings" },
  { segment: "credentials", label: "Credentials" },
  { segment: "request-log", label: "Request log" },
] as const satisfies readonly { segment: string; label: string }[];

export function IntegrationTabs({ base }: { base: string }) {
  const pathname = usePathname();
  const items = INTEGRATION_TABS.map((tab) => ({ href: tab.segment ? `${base}/${tab.segment}` : base, label: tab.label }));
  return <TabLinks label="Integration sections" current={pathname} items={items} />;
}
