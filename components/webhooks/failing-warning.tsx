import { RelativeTime } from "@/components/ui";

/** Shown while an endpoint's every attempt fails: when the 5-day clock will disable it. */
export function FailingWarning({ disablesAt }: { disablesAt: string | null }) {
  if (!disablesAt) return null;
  return (
    <span className="mt-1 block text-xs font-medium text-warning-fg">
      Every attempt is failing; disables <RelativeTime value={disablesAt} />
    </span>
  );
}
