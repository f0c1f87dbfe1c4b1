"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Input, Label } from "@/components/ui";
import { CATEGORIES, PROVIDERS, type Category } from "@/lib/providers";
import { ProviderIcon } from "./provider-icon";

function matches(query: string, text: string[]): boolean {
  const q = query.trim().toLowerCase();
  return q === "" || text.some((t) => t.toLowerCase().includes(q));
}

/** The catalog grouped by category; typing narrows it by name, description or category. */
export function ProviderPicker({ base }: { base: string }) {
  const [query, setQuery] = useState("");
  const searchId = useId();
  const found = PROVIDERS.filter((p) => matches(query, [p.name, p.description, CATEGORIES[p.category]]));
  const groups = (Object.keys(CATEGORIES) as Category[])
    .map((category) => ({ category, providers: found.filter((p) => p.category === category) }))
    .filter((g) => g.providers.length > 0);

  return (
    <div className="grid gap-6">
      <div className="grid max-w-md gap-1.5">
        <Label htmlFor={searchId}>Search providers</Label>
        <Input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Stripe, SMS, accounting…"
          autoFocus
        />
      </div>
      <p role="status" className="sr-only">
        {found.length} providers
      </p>
      {groups.length === 0 && (
        <p className="text-sm text-muted-foreground">No provider matches “{query}”. “Custom REST API” connects any HTTP API.</p>
      )}
      {groups.map(({ category, providers }) => (
        <section key={category} aria-labelledby={`category-${category}`} className="grid gap-3">
          <h2 id={`category-${category}`} className="text-sm font-semibold text-muted-foreground">
            {CATEGORIES[category]}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {providers.map((p) => (
              <li key={p.key}>
                <Link
                  href={`${base}?provider=${p.key}`}
                  className="flex h-full items-start gap-3 rounded-lg border border-border bg-surface p-3 hover:border-accent hover:bg-surface-muted"
                >
                  <ProviderIcon provider={p} />
                  <span className="grid gap-0.5">
                    <span className="font-medium">{p.name}</span>
                    <span className="text-sm text-muted-foreground">{p.description}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
