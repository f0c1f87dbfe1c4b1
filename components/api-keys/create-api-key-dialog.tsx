"use client";

import { useState } from "react";
import { createApiKeyAction } from "@/app/t/[tenant]/settings/api-keys/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button, Dialog, DialogContent, DialogFooter, DialogTrigger, Field, fieldAria, Input, Textarea } from "@/components/ui";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { NewKeyReveal } from "./new-key-reveal";
import { ScopeCheckboxes } from "./scope-checkboxes";

const IP_HINT = "CIDRs or addresses, comma or line separated, IPv4 or IPv6. Empty: any address.";

export function CreateApiKeyDialog({ tenantSlug }: { tenantSlug: string }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createApiKeySchema,
    defaultValues: { name: "", scopes: ["integrations:read"], expiresOn: "", ipAllowlist: "", rateLimitPerMinute: 600, rateLimitPerHour: 20000 },
    action: (values) => createApiKeyAction(tenantSlug, values),
    onSuccess: (data) => setCreated({ name: data.name, key: data.key }),
  });
  const errors = form.formState.errors;
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
        <NewKeyReveal name={created.name} secret={created.key} />
      ) : (
        <DialogContent title="Create API key" description="Keys authenticate calls to /api/v1 as this organisation.">
          <form onSubmit={onSubmit} noValidate className="grid max-h-[70vh] gap-4 overflow-y-auto pr-1">
            {formError && <Alert tone="danger">{formError}</Alert>}
            <TextField form={form} name="name" label="Name" hint="What uses it, e.g. “Deploy pipeline”." autoFocus />
            <ScopeCheckboxes form={form} />
            <Field label="Expires on (optional)" htmlFor="field-expiresOn" error={errors.expiresOn?.message}>
              <Input type="date" {...fieldAria("field-expiresOn", errors.expiresOn?.message)} {...form.register("expiresOn")} />
            </Field>
            <Field
              label="Allowed IP addresses (optional)"
              htmlFor="field-ipAllowlist"
              hint={IP_HINT}
              error={errors.ipAllowlist?.message}
            >
              <Textarea rows={2} {...fieldAria("field-ipAllowlist", errors.ipAllowlist?.message, IP_HINT)} {...form.register("ipAllowlist")} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Requests per minute" htmlFor="field-rateLimitPerMinute" error={errors.rateLimitPerMinute?.message}>
                <Input type="number" min={1} {...fieldAria("field-rateLimitPerMinute", errors.rateLimitPerMinute?.message)} {...form.register("rateLimitPerMinute")} />
              </Field>
              <Field label="Requests per hour" htmlFor="field-rateLimitPerHour" error={errors.rateLimitPerHour?.message}>
                <Input type="number" min={1} {...fieldAria("field-rateLimitPerHour", errors.rateLimitPerHour?.message)} {...form.register("rateLimitPerHour")} />
              </Field>
            </div>
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
