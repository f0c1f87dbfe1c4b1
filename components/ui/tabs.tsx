"use client";

import Link from "next/link";
import { Tabs as TabsPrimitive } from "radix-ui";
import { cn } from "./cn";

// Inset shadow instead of border so the active item's underline can sit on top of it
// while the list still scrolls horizontally on narrow screens.
const listClasses = "flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-border)]";
// Negative outline offset keeps the focus ring inside the scroll container, which would clip it.
const itemClasses =
  "-outline-offset-2 cursor-pointer border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground";

export const Tabs = TabsPrimitive.Root;

export function TabsList({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.List>) {
  return <TabsPrimitive.List className={cn(listClasses, className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={cn(itemClasses, "data-[state=active]:border-accent data-[state=active]:text-foreground", className)}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Content>) {
  return <TabsPrimitive.Content className={cn("mt-4", className)} {...props} />;
}

export interface TabLinksProps {
  items: { href: string; label: string }[];
  current: string;
  /** Accessible name of the nav landmark; needed when a page has several navs. */
  label?: string;
  className?: string;
}

export function TabLinks({ items, current, label = "Sections", className }: TabLinksProps) {
  return (
    // min-w-0: as a grid or flex item the nav would otherwise widen to all its tabs, and the page with it, instead of letting the list scroll.
    <nav aria-label={label} className={cn("min-w-0", className)}>
      <ul className={listClasses}>
        {items.map((item) => (
          <li key={item.href} className="flex">
            <Link
              href={item.href}
              aria-current={item.href === current ? "page" : undefined}
              className={cn(itemClasses, "aria-[current=page]:border-accent aria-[current=page]:text-foreground")}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
