import { Alert, Button, CopyButton, DialogClose, DialogContent, DialogFooter } from "@/components/ui";

/** The signing secret leaves the server only here, once, right after it is made. */
export function SecretReveal({ secret, note }: { secret: string; note?: string }) {
  return (
    <DialogContent title="Signing secret" description="Copy it now: it is shown only once.">
      <div className="grid gap-3">
        <Alert tone="warning">Give it to the receiving system to verify the webhook-signature header.{note ? ` ${note}` : ""}</Alert>
        <div className="flex items-center gap-2">
          <code data-testid="webhook-secret" className="min-w-0 flex-1 break-all rounded-md bg-surface-muted px-3 py-2 font-mono text-sm">
            {secret}
          </code>
          <CopyButton value={secret} label="Copy secret" />
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
