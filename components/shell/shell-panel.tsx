"use client";

import { usePathname } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui";

/**
 * The sidebar's contents: always shown beside the page on wide screens; on phones behind a Menu
 * button, so the navigation (however many sections it gains) never pushes the page sideways or down.
 */
export function ShellPanel({ brand, children }: { brand: React.ReactNode; children: React.ReactNode }) {
  const pathname = usePathname();
  // Open on the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <>
      <div className="flex items-center justify-between gap-2">
        {brand}
        <Button
          variant="secondary"
          size="sm"
          className="md:hidden"
          aria-expanded={open}
          aria-controls="shell-panel"
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          {open ? "Close menu" : "Menu"}
        </Button>
      </div>
      <div id="shell-panel" className={`${open ? "flex" : "hidden"} min-h-0 flex-1 flex-col gap-4 md:flex`}>
        {children}
      </div>
    </>
  );
}
