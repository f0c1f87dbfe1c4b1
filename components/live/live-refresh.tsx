"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { liveStampAction } from "@/app/t/[tenant]/live-actions";
import { LIVE_REFRESH_MS } from "./interval";

/**
 * The live updates of every server-rendered view (header badges, tables, counters, details): the
 * page polls the tenant's change stamp (lib/live/stamp.ts) and, when it moved, has the server render
 * the page again. React keeps client state across that render (typed text, open dialogs, scroll), and
 * the useLive views adopt the new data. The poll pauses while the tab is hidden (react-query's default).
 */
export function LiveRefresh({ tenantSlug, stamp }: { tenantSlug: string; stamp: string }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  // The stamp the page on screen was rendered at: a change made between that render and the first poll still counts.
  const seen = useRef(stamp);
  useEffect(() => {
    seen.current = stamp;
  }, [stamp]);
  const { data } = useQuery({
    queryKey: ["live-stamp", tenantSlug],
    queryFn: async () => {
      const result = await liveStampAction(tenantSlug, null);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    refetchInterval: LIVE_REFRESH_MS,
    staleTime: 0,
  });
  useEffect(() => {
    if (data === undefined) return;
    const changed = seen.current !== data;
    seen.current = data;
    if (changed) startTransition(() => router.refresh());
  }, [data, router]);
  return null;
}
