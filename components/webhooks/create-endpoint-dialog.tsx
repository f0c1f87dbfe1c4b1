"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createEndpointAction } from "@/app/t/[tenant]/webhooks/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogContent, DialogFooter, DialogTrigger, Field, fieldAria, Input } from "@/components/ui";
import { createEndpointSchema } from "@/lib/webhooks/schema";
import { EventCheckboxes } from "./event-checkboxes";
import { HeadersField } from "./headers-field";
import { SecretReveal } from "./secret-reveal";

export function CreateEndpointDialog({ tenantSlug, allowHttp }: { tenantSlug: string; allowHttp: boolean }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createEndpointSchema({ allowHttp }),
    defaultValues: { url: "", description: "", events: [], headers: {}, rate_limit_per_second: null },
    action: (values) => createEndpointAction(tenantSlug, values),
    onSuccess: (data) => setCreated({ id: data.id, secret: data.secret }),
  });
  const errors = form.formState.errors;
  const dialog = useDialog(() => {
    if (created) router.push(`/t/${tenantSlug}/webhooks/${created.id}`);
    setCreated(null);
    form.reset();
    setFormError(null);
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add endpoint</Button>
      </DialogTrigger>
      {created ? (
        <SecretReveal secret={created.secret} />
      ) : (
        <DialogContent title="Add webhook endpoint" description="Patchbay POSTs signed JSON to this URL when the events you choose happen.">
          <form onSubmit={onSubmit} noValidate className="grid max-h-[70vh] gap-4 overflow-y-auto pr-1">
            {formError && <Alert tone="danger">{formError}</Alert>}
            <TextField form={form} name="url" label="Endpoint URL" hint={allowHttp ? "http:// or https://" : "Must be https://"} autoFocus />
            <TextField form={form} name="description" label="Description (optional)" />
            <EventCheckboxes form={form} />
            <HeadersField form={form} />
            <Field label="Rate limit (deliveries per second, optional)" htmlFor="field-rate_limit_per_second" error={errors.rate_limit_per_second?.message}>
              <Input
                type="number"
                min={1}
                {...fieldAria("field-rate_limit_per_second", errors.rate_limit_per_second?.message)}
                {...form.register("rate_limit_per_second", { setValueAs: (v) => (v === "" || v === null ? null : Number(v)) })}
              />
            </Field>
            <DialogFooter>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting ? "Adding…" : "Add endpoint"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
