/**
 * The integration detail page's tabs, each a route segment under `integrations/[id]/`
 * (the overview is the segment itself). A feature adds its tab with one entry here and a
 * `page.tsx` in its folder; the layout renders whatever this list holds.
 */
export const INTEGRATION_TABS: readonly { segment: string; label: string }[] = [
  { segment: "", label: "Overview" },
  { segment: "settings", label: "Settings" },
  { segment: "credentials", label: "Credentials" },
  { segment: "request-log", label: "Request log" },
];
