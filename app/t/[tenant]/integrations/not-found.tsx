"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses, EmptyState, PageHeader } from "@/components/ui";

// Inside the app shell, which already holds the page's <main>, unlike the root not-found page.
export default function IntegrationNotFound() {
  const list = usePathname().split("/").slice(0, 4).join("/");
  return (
    <div className="grid gap-6">
      <PageHeader title="Integration not found" />
      <EmptyState
        title="It does not exist, or it belongs to another organisation."
        action={
          <Link href={list} className={buttonClasses({ variant: "secondary" })}>
            All integrations
          </Link>
        }
      />
    </div>
  );
}
