"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";

export interface CopyButtonProps {
  value: string;
  label?: string;
  className?: string;
}

export function CopyButton({ value, label = "Copy", className }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  const fallbackRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state === "manual") fallbackRef.current?.focus();
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      // navigator.clipboard is undefined outside secure contexts (e.g. a self-hosted http:// install).
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("manual");
    }
  }

  return (
    <span className={cn("inline-flex max-w-full items-center gap-2", className)}>
      {state === "manual" && (
        <input
          ref={fallbackRef}
          readOnly
          value={value}
          aria-label={`${label}: press Ctrl+C or Cmd+C`}
          onFocus={(e) => e.currentTarget.select()}
          className="h-8 min-w-0 flex-1 rounded-md border border-input bg-surface px-2 font-mono text-sm text-foreground"
        />
      )}
      {/* Fixed accessible name so the control stays findable while the visible text says "Copied". */}
      <Button type="button" variant="secondary" size="sm" aria-label={label} onClick={copy}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to clipboard" : state === "manual" ? "Clipboard unavailable; value selected" : ""}
      </span>
    </span>
  );
}
