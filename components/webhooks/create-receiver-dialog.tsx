"use client";

import { createReceiverAction } from "@/app/t/[tenant]/integrations/[id]/webhooks/actions";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui";
import { RECEIVER_SCHEME_SPECS } from "@/lib/webhooks/incoming/schemes";
import { createReceiverSchema } from "@/lib/webhooks/schema";

const SCHEMES = RECEIVER_SCHEME_SPECS.map(({ scheme, label }) => ({ value: scheme, label }));

export function CreateReceiverDialog({ tenantSlug, integrationId }: { tenantSlug: string; integrationId: string }) {
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createReceiverSchema,
    defaultValues: { scheme: "standard_webhooks", secret: "", header: undefined, encoding: "hex" },
    action: (values) =>
      createReceiverAction(tenantSlug, {
        integrationId,
        receiver: { ...values, header: values.scheme === "hmac_sha256" ? values.header : undefined },
      }),
    onSuccess: () => {
      dialog.setOpen(false);
      form.reset();
    },
  });
  const dialog = useDialog(() => {
    form.reset();
    setFormError(null);
  });
  const generic = form.watch("scheme") === "hmac_sha256";
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add receiver URL</Button>
      </DialogTrigger>
      <DialogContent
        title="Add receiver URL"
        description="The provider posts to this URL; Patchbay keeps only requests signed with the secret."
      >
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {formError && <Alert tone="danger">{formError}</Alert>}
          <SelectField form={form} name="scheme" label="Signature scheme" options={SCHEMES} />
          <TextField
            form={form}
            name="secret"
            label="Signing secret"
            type="password"
            hint="From the provider's webhook settings; stored encrypted."
            autoComplete="off"
          />
          {generic && (
            <>
              <TextField form={form} name="header" label="Signature header" hint="Such as X-Signature." />
              <SelectField
                form={form}
                name="encoding"
                label="Signature encoding"
                options={[
                  { value: "hex", label: "hex" },
                  { value: "base64", label: "base64" },
                ]}
              />
            </>
          )}
          <DialogActions label="Add receiver" pendingLabel="Adding…" pending={form.formState.isSubmitting} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
