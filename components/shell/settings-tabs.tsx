"use client";

import { usePathname } from "next/navigation";
import { TabLinks } from "@/components/ui";

export function SettingsTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <TabLinks
      label="Settings sections"
      current={pathname}
      items={[
        { href: `${base}/members`, label: "Members" },
        { href: `${base}/api-keys`, label: "API keys" },
        { href: `${base}/sso`, label: "Single sign-on" },
        { href: `${base}/notifications`, label: "Notifications" },
        { href: `${base}/data-model`, label: "Data model" },
        { href: `${base}/oauth-apps`, label: "OAuth apps" },
      ]}
    />
  );
}
