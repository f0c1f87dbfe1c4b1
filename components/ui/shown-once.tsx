import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { DialogClose, DialogContent, DialogFooter } from "./dialog";

type Props = { title: string; description: string; warning: ReactNode; secret: string; copyLabel: string; testId: string };

/** A secret that leaves the server once, right after it is made: shown with a copy button, then gone with the dialog. */
export function ShownOnce({ title, description, warning, secret, copyLabel, testId }: Props) {
  return (
    <DialogContent title={title} description={description}>
      <div className="grid gap-3">
        <Alert tone="warning">{warning}</Alert>
        <div className="flex items-center gap-2">
          <code data-testid={testId} className="min-w-0 flex-1 break-all rounded-md bg-surface-muted px-3 py-2 font-mono text-sm">
            {secret}
          </code>
          <CopyButton value={secret} label={copyLabel} />
        </div>
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button>Done</Button>
        </DialogClose>
      </DialogFooter>
    </DialogContent>
  );
}
