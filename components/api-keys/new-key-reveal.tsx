import { Alert, Button, CopyButton, DialogClose, DialogContent, DialogFooter } from "@/components/ui";

/** The only moment a key exists outside its hash: shown once, then gone with the dialog. */
export function NewKeyReveal({ name, secret, note }: { name: string; secret: string; note?: string }) {
  return (
    <DialogContent title="Your new API key" description="Copy it now: it is shown only once and cannot be recovered.">
      <div className="grid gap-3">
        <Alert tone="warning">Store “{name}” somewhere safe, such as your CI’s secret store.{note ? ` ${note}` : ""}</Alert>
        <div className="flex items-center gap-2">
          <code data-testid="new-api-key" className="min-w-0 flex-1 break-all rounded-md bg-surface-muted px-3 py-2 font-mono text-sm">
            {secret}
          </code>
          <CopyButton value={secret} label="Copy key" />
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
