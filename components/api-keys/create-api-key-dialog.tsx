"use client";

import { useState } from "react";
import { createApiKeyAction } from "@/app/t/[tenant]/settings/api-keys/actions";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger, Field, fieldAria, Input, Textarea } from "@/components/ui";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { NewKeyReveal } from "./new-key-reveal";
import { ApiKeyLimitFields } from "./limit-fields";
import { ScopeCheckboxes } from "./scope-checkboxes";

export const NOTES_HINT = "What uses it and who to ask. Not a place for secrets.";
export const ROTATION_HINT = "A reminder event and a banner once the key is older than this. Empty: no reminder.";

export function CreateApiKeyDialog({ tenantSlug }: { tenantSlug: string }) {
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createApiKeySchema,
    defaultValues: {
      name: "",
      mode: "live",
      scopes: ["integrations:read"],
      expires_on: "",
      ip_allowlist: "",
      rate_limit_per_minute: 600,
      rate_limit_per_hour: 20000,
      notes: "",
      rotation_frequency_days: "",
    },
    action: (values) => createApiKeyAction(tenantSlug, values),
    onSuccess: (data) => setCreated({ name: data.name, key: data.key }),
  });
  const errors = form.formState.errors;
  const dialog = useDialog(() => {
    setCreated(null);
    form.reset();
    setFormError(null);
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
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
            <SelectField
              form={form}
              name="mode"
              label="Mode"
              hint="A test key (pb_test_…) sees and changes sandbox integrations only, and can only manage other test keys."
              options={[
                { value: "live", label: "Live" },
                { value: "test", label: "Test (sandbox integrations only)" },
              ]}
            />
            <Field label="Notes (optional)" htmlFor="field-notes" hint={NOTES_HINT} error={errors.notes?.message}>
              <Textarea rows={2} {...fieldAria("field-notes", errors.notes?.message, NOTES_HINT)} {...form.register("notes")} />
            </Field>
            <ScopeCheckboxes form={form} />
            <TextField
              form={form}
              name="rotation_frequency_days"
              type="number"
              label="Rotate every (days, optional)"
              hint={ROTATION_HINT}
            />
            <Field label="Expires on (optional)" htmlFor="field-expires_on" error={errors.expires_on?.message}>
              <Input type="date" {...fieldAria("field-expires_on", errors.expires_on?.message)} {...form.register("expires_on")} />
            </Field>
            <ApiKeyLimitFields form={form} optional />
            <DialogActions label="Create key" pendingLabel="Creating…" pending={form.formState.isSubmitting} />
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
