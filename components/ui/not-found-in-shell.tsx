"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses } from "./button";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/**
 * A missing record inside the app shell, which already holds the page's <main> (unlike the root
 * not-found page), with the way back to the list of what does exist.
 */
export function NotFoundInShell({ title, listLabel }: { title: string; listLabel: string }) {
  // /t/<tenant>/<feature>/<id>… → /t/<tenant>/<feature>
  const list = usePathname().split("/").slice(0, 4).join("/");
  return (
    <div className="grid gap-6">
      <PageHeader title={title} />
      <EmptyState
        title="It does not exist, or it belongs to another organisation."
        action={
          <Link href={list} className={buttonClasses({ variant: "secondary" })}>
            {listLabel}
          </Link>
        }
      />
    </div>
  );
}
