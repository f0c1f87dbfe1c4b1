"use client";

import { updateApiKeyAction } from "@/app/t/[tenant]/settings/api-keys/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button, Field, fieldAria, Textarea, useToast } from "@/components/ui";
import type { Scope } from "@/lib/api-keys/scopes";
import { updateApiKeySchema } from "@/lib/api-keys/schema";
import { NOTES_HINT, ROTATION_HINT } from "./create-api-key-dialog";
import { ApiKeyLimitFields } from "./limit-fields";
import { ScopeCheckboxes } from "./scope-checkboxes";

type EditableKey = {
  id: string;
  name: string;
  notes: string;
  scopes: Scope[];
  ipAllowlist: string[];
  rateLimitPerMinute: number;
  rateLimitPerHour: number;
  rotationFrequencyDays: number | null;
};

/** Everything about a key but its secret and mode; saved changes apply to the next call on every instance. */
export function EditApiKeyForm({ tenantSlug, apiKey }: { tenantSlug: string; apiKey: EditableKey }) {
  const { toast } = useToast();
  const { form, onSubmit, formError } = useActionForm({
    schema: updateApiKeySchema,
    defaultValues: {
      name: apiKey.name,
      notes: apiKey.notes,
      scopes: apiKey.scopes,
      ip_allowlist: apiKey.ipAllowlist.join("\n"),
      rate_limit_per_minute: apiKey.rateLimitPerMinute,
      rate_limit_per_hour: apiKey.rateLimitPerHour,
      rotation_frequency_days: apiKey.rotationFrequencyDays ?? "",
    },
    action: (values) => updateApiKeyAction(tenantSlug, { id: apiKey.id, patch: values }),
    onSuccess: () => toast({ tone: "success", title: "API key saved" }),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-2xl gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <TextField form={form} name="name" label="Name" />
      <Field label="Notes" htmlFor="field-notes" hint={NOTES_HINT} error={errors.notes?.message}>
        <Textarea rows={3} {...fieldAria("field-notes", errors.notes?.message, NOTES_HINT)} {...form.register("notes")} />
      </Field>
      <ScopeCheckboxes form={form} />
      <ApiKeyLimitFields form={form} />
      <TextField form={form} name="rotation_frequency_days" type="number" label="Rotate every (days)" hint={ROTATION_HINT} />
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
