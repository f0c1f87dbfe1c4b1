import type { AuthType } from "@/lib/providers/types";

/**
 * The integration detail page's tabs, each a route segment under `integrations/[id]/`
 * (the overview is the segment itself). A feature adds its tab with one entry here and a
 * `page.tsx` in its folder; the layout renders whatever this list holds. `authTypes` limits
 * a tab to the integrations it means something for.
 */
export type IntegrationTab = { segment: string; label: string; authTypes?: readonly AuthType[] };

export const INTEGRATION_TABS: readonly IntegrationTab[] = [
  { segment: "", label: "Overview" },
  { segment: "settings", label: "Settings" },
  { segment: "credentials", label: "Credentials" },
  { segment: "oauth", label: "OAuth", authTypes: ["oauth2"] },
  { segment: "health", label: "Health" },
  { segment: "webhooks", label: "Webhooks" },
  { segment: "sync", label: "Sync" },
  { segment: "request-log", label: "Request log" },
];

export function tabsFor(authType: AuthType): IntegrationTab[] {
  return INTEGRATION_TABS.filter((tab) => !tab.authTypes || tab.authTypes.includes(authType));
}
