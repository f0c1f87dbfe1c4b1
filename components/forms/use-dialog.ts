"use client";

import { useState } from "react";

/** Open state for a dialog holding a form; closing it runs `onClosed` so the next opening starts clean. */
export function useDialog(onClosed: () => void) {
  const [open, setOpen] = useState(false);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) onClosed();
  };
  return { open, setOpen, onOpenChange };
}
