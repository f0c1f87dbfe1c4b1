import type { Role } from "@/lib/tenancy/roles";
import type { NavItem } from "./nav-links";

/**
 * The main navigation, in order: one list, so a new section is one entry here (the sidebar on
 * wide screens and the menu on phones both render it).
 */
export function mainNavItems(base: string, role: Role): NavItem[] {
  return [
    { href: base, label: "Dashboard", exact: true },
    { href: `${base}/integrations`, label: "Integrations" },
    { href: `${base}/health`, label: "Health" },
    { href: `${base}/webhooks`, label: "Webhooks" },
    { href: `${base}/data`, label: "Data" },
    { href: `${base}/imports`, label: "Imports" },
    { href: `${base}/exports`, label: "Exports" },
    { href: `${base}/notifications`, label: "Notifications" },
    ...(role === "viewer" ? [] : [{ href: `${base}/audit`, label: "Audit log" }]),
    { href: `${base}/settings`, label: "Settings" },
  ];
}

/** Below the main list: places outside the tenant's pages. */
export const SECONDARY_NAV_ITEMS: NavItem[] = [{ href: "/docs", label: "API reference", external: true }];
