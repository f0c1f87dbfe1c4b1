import { Skeleton } from "./skeleton";

/**
 * What a tenant page shows while its data loads. Used by `loading.tsx` files only where the
 * page cannot turn out not to exist: a loading boundary sends the 200 before the page runs, so
 * a `notFound()` under one can no longer answer 404 (see integrations/[id]/layout.tsx).
 */
export function PageSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <span className="sr-only">Loading…</span>
      <Skeleton className="h-8 w-48" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
      </div>
      <Skeleton className="h-64" />
    </div>
  );
}
