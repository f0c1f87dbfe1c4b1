"use client";

import Link from "next/link";
import { useMemo } from "react";
import { unreadCountAction } from "@/app/t/[tenant]/notifications/actions";
import { useLive } from "@/components/health/use-live";

/** The shell's bell: unread in-app notifications for this member, kept current while any page is open. */
export function NotificationBell({ tenantSlug, initialCount }: { tenantSlug: string; initialCount: number }) {
  // useLive takes a new `initial` as a newer server render and adopts it, so it must keep its identity across client renders.
  const initial = useMemo(() => ({ count: initialCount }), [initialCount]);
  const { data } = useLive(["unread", tenantSlug], () => unreadCountAction(tenantSlug, undefined), initial);
  const count = data.count;
  const label = count === 0 ? "Notifications, none unread" : `Notifications, ${count} unread`;
  return (
    <Link
      href={`/t/${tenantSlug}/notifications`}
      aria-label={label}
      title={label}
      className="relative inline-flex size-9 items-center justify-center rounded-md text-muted-foreground hover:bg-surface-muted hover:text-foreground"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="size-5"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 && (
        <span
          data-testid="unread-count"
          className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-danger px-1 text-center text-xs font-semibold leading-5 text-danger-foreground tabular-nums"
        >
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
