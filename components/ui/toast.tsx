"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { cn } from "./cn";

export type ToastTone = "success" | "danger" | "neutral";

export interface ToastOptions {
  title: string;
  description?: string;
  tone?: ToastTone;
}

interface ToastContextValue {
  toast: (t: ToastOptions) => void;
}

const ToastContext = createContext<ToastContextValue | null>(null);

const tones: Record<ToastTone, string> = {
  neutral: "border-border bg-surface text-foreground",
  success: "border-success-border bg-success-bg text-success-fg",
  danger: "border-danger-border bg-danger-bg text-danger-fg",
};

export function Toaster({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<(ToastOptions & { id: number })[]>([]);
  const nextId = useRef(0);

  const toast = useCallback((t: ToastOptions) => {
    nextId.current += 1;
    const id = nextId.current;
    setToasts((prev) => [...prev, { ...t, id }]);
  }, []);
  const value = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext value={value}>
      <ToastPrimitive.Provider duration={5000} swipeDirection="right">
        {children}
        {toasts.map(({ id, title, description, tone = "neutral" }) => (
          <ToastPrimitive.Root
            key={id}
            // Errors interrupt the screen reader; everything else waits politely.
            type={tone === "danger" ? "foreground" : "background"}
            onOpenChange={(open) => {
              if (!open) setToasts((prev) => prev.filter((t) => t.id !== id));
            }}
            className={cn(
              "pointer-events-auto grid grid-cols-[1fr_auto] items-start gap-x-3 rounded-lg border p-4 shadow-lg motion-safe:animate-toast-in",
              "data-[swipe=cancel]:translate-x-0 data-[swipe=cancel]:transition-[translate] data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x)",
              tones[tone],
            )}
          >
            <div className="grid gap-1">
              <ToastPrimitive.Title className="text-sm font-semibold">{title}</ToastPrimitive.Title>
              {description && <ToastPrimitive.Description className="text-sm">{description}</ToastPrimitive.Description>}
            </div>
            <ToastPrimitive.Close aria-label="Dismiss" className="cursor-pointer rounded-md p-1 opacity-80 hover:opacity-100">
              <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-4">
                <path d="m4 4 8 8m0-8-8 8" />
              </svg>
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        {/* pointer-events-none: the empty viewport must not swallow clicks on the page beneath. */}
        <ToastPrimitive.Viewport className="pointer-events-none fixed right-0 bottom-0 z-[100] m-0 flex w-full list-none flex-col gap-2 p-4 sm:max-w-sm" />
      </ToastPrimitive.Provider>
    </ToastContext>
  );
}

export function useToast(): ToastContextValue {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast must be used inside <Toaster>");
  return ctx;
}
