"use client";

import { useState } from "react";
import { createApiKeyAction } from "@/app/t/[tenant]/settings/api-keys/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button, CopyButton, Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui";
import { createApiKeySchema } from "@/lib/api-keys/schema";

export function CreateApiKeyDialog({ tenantSlug }: { tenantSlug: string }) {
  const [open, setOpen] = useState(false);
  // The only moment the key exists outside its hash: it lives in this component's state until the dialog closes.
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createApiKeySchema,
    defaultValues: { name: "" },
    action: (values) => createApiKeyAction(tenantSlug, values),
    onSuccess: (data) => setCreated({ name: data.name, key: data.key }),
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setCreated(null);
          form.reset();
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>Create API key</Button>
      </DialogTrigger>
      {created ? (
        <DialogContent title="Your new API key" description="Copy it now: it is shown only once and cannot be recovered.">
          <div className="grid gap-3">
            <Alert tone="warning">Store “{created.name}” somewhere safe, such as your CI’s secret store.</Alert>
            <div className="flex items-center gap-2">
              <code data-testid="new-api-key" className="min-w-0 flex-1 break-all rounded-md bg-surface-muted px-3 py-2 font-mono text-sm">
                {created.key}
              </code>
              <CopyButton value={created.key} label="Copy key" />
            </div>
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      ) : (
        <DialogContent title="Create API key" description="Keys authenticate calls to /api/v1 as this organisation.">
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            {formError && <Alert tone="danger">{formError}</Alert>}
            <TextField form={form} name="name" label="Name" hint="What uses it, e.g. “Deploy pipeline”." autoFocus />
            <DialogFooter>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting ? "Creating…" : "Create key"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
