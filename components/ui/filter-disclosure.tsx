"use client";

import { useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * Filters beyond the first: inline from the sm breakpoint up; on phones behind a "Filters" button,
 * so a list's first screen shows the list. Set filters are counted on the button.
 */
export function FilterDisclosure({ active, children }: { active: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" variant="secondary" className="sm:hidden" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? "Hide filters" : active > 0 ? `Filters (${active} set)` : "Filters"}
      </Button>
      <div className={cn(open ? "flex" : "hidden", "w-full flex-wrap items-end gap-3 sm:contents")}>{children}</div>
    </>
  );
}
