"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { listNotificationsAction, markNotificationsReadAction } from "@/app/t/[tenant]/notifications/actions";
import { useLive } from "@/components/health/use-live";
import { Badge, Card, CardBody, CardHeader, EmptyState, NEWEST_FIRST, Pager, RelativeTime } from "@/components/ui";
import type { NotificationView } from "@/lib/alerts/notifications";
import { hrefWith, pageHrefs, type PagePosition } from "@/lib/pager";

type Incident = { id: string; title: string; summary: string; link: string | null; event_count: number; opened_at: string };
type Data = { notifications: { data: NotificationView[]; next_cursor: string | null }; incidents: Incident[] };

const KIND_LABELS: Record<string, string> = {
  opened: "New",
  updated: "Update",
  resolved: "Resolved",
  reminder: "Still open",
  notice: "Notice",
  digest: "Digest",
  test: "Test",
};

/** The inbox, live; opening it marks everything read for this member (the bell follows). */
export function NotificationsList({ tenantSlug, at, initial }: { tenantSlug: string; at: PagePosition; initial: Data }) {
  const { data } = useLive(
    ["notifications", tenantSlug, at.cursor ?? null],
    () => listNotificationsAction(tenantSlug, { cursor: at.cursor }),
    initial,
  );
  const marked = useRef(false);
  const hasUnread = data.notifications.data.some((n) => n.unread);
  useEffect(() => {
    if (!hasUnread || marked.current) return;
    marked.current = true;
    void markNotificationsReadAction(tenantSlug, undefined).finally(() => (marked.current = false));
  }, [hasUnread, tenantSlug]);
  const base = `/t/${tenantSlug}`;
  const href = (link: string | null) => (link ? `${base}/${link}` : null);
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader title="Open incidents" />
        <CardBody>
          {data.incidents.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing is wrong right now.</p>
          ) : (
            <ul className="grid gap-3" aria-label="Open incidents">
              {data.incidents.map((i) => (
                <li key={i.id} className="grid gap-1">
                  <p className="font-medium">
                    {href(i.link) ? (
                      <Link href={href(i.link)!} className="underline-offset-2 hover:underline">
                        {i.title}
                      </Link>
                    ) : (
                      i.title
                    )}
                  </p>
                  <p className="text-sm text-muted-foreground">{i.summary}</p>
                  <p className="text-xs text-muted-foreground">
                    Open since <RelativeTime value={i.opened_at} /> · {i.event_count} event{i.event_count === 1 ? "" : "s"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Notifications" />
        <CardBody className="grid gap-4">
          {data.notifications.data.length === 0 ? (
            <EmptyState
              title="No notifications yet"
              description="Alerts about integrations going down, refused tokens, failing webhooks and expiring keys land here. Choose what is sent where under Settings → Notifications."
            />
          ) : (
            <ul className="grid divide-y divide-border" aria-label="Notifications">
              {data.notifications.data.map((n) => (
                <li key={n.id} className="grid gap-1 py-3" data-unread={n.unread || undefined}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={n.kind === "resolved" ? "success" : n.kind === "opened" ? "danger" : "neutral"}>
                      {KIND_LABELS[n.kind] ?? n.kind}
                    </Badge>
                    {n.unread && <Badge tone="info">unread</Badge>}
                    <span className="font-medium break-words">
                      {href(n.link) ? (
                        <Link href={href(n.link)!} className="underline-offset-2 hover:underline">
                          {n.subject}
                        </Link>
                      ) : (
                        n.subject
                      )}
                    </span>
                  </div>
                  <p className="text-sm whitespace-pre-line break-words text-muted-foreground">{n.body}</p>
                  <p className="text-xs text-muted-foreground">
                    <RelativeTime value={n.created_at} />
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Pager
            hrefs={pageHrefs(at, data.notifications.next_cursor, (to) => hrefWith(`${base}/notifications`, { ...to }))}
            label="Notification pages"
            labels={NEWEST_FIRST}
          />
        </CardBody>
      </Card>
    </div>
  );
}
