"use client";

import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { paletteEntriesAction } from "@/app/t/[tenant]/palette-actions";
import { Button } from "@/components/ui";
import type { PaletteEntries } from "@/lib/search/palette";
import type { NavItem } from "./nav-links";

const SETTINGS_PAGES = [
  ["members", "Members"],
  ["api-keys", "API keys"],
  ["sso", "Single sign-on"],
  ["notifications", "Notification settings"],
  ["data-model", "Data model"],
  ["oauth-apps", "OAuth apps"],
] as const;

const itemClasses =
  "flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-foreground data-[selected=true]:bg-surface-muted";
const groupClasses =
  "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-muted-foreground";

/** ⌘K / Ctrl+K anywhere in a tenant: jump to a page, an integration, a webhook endpoint or an API key by typing. */
export function CommandPalette({ tenantSlug, pages }: { tenantSlug: string; pages: NavItem[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<PaletteEntries | null>(null);
  const base = `/t/${tenantSlug}`;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((was) => !was);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // Fresh on every opening: names change while a page stays open.
  useEffect(() => {
    if (!open) return;
    let current = true;
    void paletteEntriesAction(tenantSlug, null).then((result) => {
      if (current && result.ok) setEntries(result.data);
    });
    return () => {
      current = false;
    };
  }, [open, tenantSlug]);

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };

  return (
    <>
      <Button variant="secondary" size="sm" className="w-full justify-between" onClick={() => setOpen(true)}>
        <span>Search…</span>
        <kbd className="font-sans text-xs text-muted-foreground">Ctrl K</kbd>
      </Button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Command palette"
        overlayClassName="fixed inset-0 z-40 bg-black/40"
        contentClassName="fixed top-[10vh] left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border border-border bg-surface shadow-lg"
      >
        <DialogPrimitive.Title className="sr-only">Command palette</DialogPrimitive.Title>
        <DialogPrimitive.Description className="sr-only">
          Type to find a page, integration, webhook endpoint or API key; Enter opens it.
        </DialogPrimitive.Description>
        <Command.Input
          placeholder="Jump to a page, integration, endpoint or key…"
          aria-label="Search pages, integrations, endpoints and keys"
          className="w-full border-b border-border bg-surface px-4 py-3 text-base text-foreground outline-none placeholder:text-muted-foreground sm:text-sm"
        />
        <Command.List className="max-h-[60vh] overflow-y-auto p-2">
          <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">Nothing matches.</Command.Empty>
          <Command.Group heading="Pages" className={groupClasses}>
            {pages.map((p) => (
              <Command.Item key={p.href} value={`page ${p.label}`} onSelect={() => go(p.href)} className={itemClasses}>
                {p.label}
              </Command.Item>
            ))}
            {SETTINGS_PAGES.map(([path, label]) => (
              <Command.Item key={path} value={`settings ${label}`} onSelect={() => go(`${base}/settings/${path}`)} className={itemClasses}>
                Settings › {label}
              </Command.Item>
            ))}
            <Command.Item value="page your account password" onSelect={() => go(`${base}/account`)} className={itemClasses}>
              Your account
            </Command.Item>
          </Command.Group>
          {entries && entries.integrations.length > 0 && (
            <Command.Group heading="Integrations" className={groupClasses}>
              {entries.integrations.map((i) => (
                <Command.Item
                  key={i.id}
                  value={`integration ${i.name} ${i.id}`}
                  onSelect={() => go(`${base}/integrations/${i.id}`)}
                  className={itemClasses}
                >
                  {i.name}
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {entries && entries.endpoints.length > 0 && (
            <Command.Group heading="Webhook endpoints" className={groupClasses}>
              {entries.endpoints.map((e) => (
                <Command.Item
                  key={e.id}
                  value={`endpoint ${e.url} ${e.description} ${e.id}`}
                  onSelect={() => go(`${base}/webhooks/${e.id}`)}
                  className={itemClasses}
                >
                  <span className="min-w-0 truncate">{e.description || e.url}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {entries && entries.apiKeys.length > 0 && (
            <Command.Group heading="API keys" className={groupClasses}>
              {entries.apiKeys.map((k) => (
                <Command.Item
                  key={k.id}
                  value={`key ${k.name} ${k.id}`}
                  onSelect={() => go(`${base}/settings/api-keys/${k.id}`)}
                  className={itemClasses}
                >
                  {k.name}
                </Command.Item>
              ))}
            </Command.Group>
          )}
        </Command.List>
      </Command.Dialog>
    </>
  );
}
