"use client";

import { useQuery, type DefinedUseQueryResult } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/action-result";
import { LIVE_REFRESH_MS } from "./format";

/**
 * Health data the server rendered, then fetched again through its server action every
 * LIVE_REFRESH_MS while the page is open; a failed action keeps the last data and sets isError.
 */
export function useLive<T extends object>(
  queryKey: readonly unknown[],
  load: () => Promise<ActionResult<T>>,
  initial: T,
): DefinedUseQueryResult<T> {
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
