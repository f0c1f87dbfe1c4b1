import Link from "next/link";
import type { PageHrefs } from "@/lib/pager";
import { buttonClasses } from "./button";

type Labels = { first: string; previous: string; next: string };

const DEFAULT_LABELS: Labels = { first: "First page", previous: "Previous page", next: "Next page" };
/** For lists that start with the newest entry. */
export const NEWEST_FIRST: Labels = { first: "Newest", previous: "Newer", next: "Older" };

/** The links between the pages of a keyset list (see lib/pager.ts); nothing when it fits on one page. */
export function Pager({ hrefs, label = "Pages", labels = DEFAULT_LABELS }: { hrefs: PageHrefs; label?: string; labels?: Labels }) {
  const links = (["first", "previous", "next"] as const).filter((k) => hrefs[k]);
  if (links.length === 0) return null;
  return (
    <nav aria-label={label} className="flex justify-end gap-2">
      {links.map((k) => (
        <Link key={k} href={hrefs[k]!} className={buttonClasses({ variant: "secondary", size: "sm" })}>
          {labels[k]}
        </Link>
      ))}
    </nav>
  );
}
