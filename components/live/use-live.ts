"use client";

import { useQuery, useQueryClient, type DefinedUseQueryResult } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { LIVE_REFRESH_MS } from "./interval";

/**
 * Health data the server rendered, then fetched again through its server action every
 * LIVE_REFRESH_MS while the page is open; a failed action keeps the last data and sets isError.
 * When the server renders the page again (a mutation's refresh, see lib/action.ts) the newer
 * `initial` replaces the cached data, so a live view never lags behind the page around it. That
 * is told by identity: pass the server's prop itself (or a memo of it), never an object made in render.
 */
export function useLive<T extends object>(
  queryKey: readonly unknown[],
  load: () => Promise<ActionResult<T>>,
  initial: T,
): DefinedUseQueryResult<T> {
  const queryClient = useQueryClient();
  const rendered = useRef(initial);
  useEffect(() => {
    if (rendered.current === initial) return;
    rendered.current = initial;
    queryClient.setQueryData(queryKey, initial);
  }, [initial, queryClient, queryKey]);
  return useQuery({
    queryKey,
    queryFn: async () => {
      const result = await load();
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: initial,
    refetchInterval: LIVE_REFRESH_MS,
    staleTime: 0,
  });
}
