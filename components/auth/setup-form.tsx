"use client";

import { Alert, Button } from "@/components/ui";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { setupAction } from "@/app/(auth)/setup/actions";
import { PASSWORD_RULE, setupSchema } from "@/lib/tenancy/schema";

function slugify(name: string) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export function SetupForm() {
  const { form, onSubmit, formError } = useActionForm({
    schema: setupSchema,
    defaultValues: { tenantName: "", tenantSlug: "", name: "", email: "", password: "" },
    action: setupAction,
  });
  const fillSlug = (e: React.ChangeEvent<HTMLInputElement>) => {
    if (!form.getFieldState("tenantSlug").isDirty) form.setValue("tenantSlug", slugify(e.target.value));
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <fieldset className="grid gap-4">
        <legend className="mb-2 text-sm font-semibold">Organisation</legend>
        <TextField
          form={form}
          name="tenantName"
          label="Organisation name"
          autoComplete="organization"
          autoFocus
          options={{ onChange: fillSlug }}
        />
        <TextField form={form} name="tenantSlug" label="URL name" hint="Used in addresses: /t/your-name" />
      </fieldset>
      <fieldset className="grid gap-4">
        <legend className="mb-2 text-sm font-semibold">Owner</legend>
        <TextField form={form} name="name" label="Your name" autoComplete="name" />
        <TextField form={form} name="email" label="Email" type="email" autoComplete="email" />
        <TextField form={form} name="password" label="Password" type="password" autoComplete="new-password" hint={PASSWORD_RULE} />
      </fieldset>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
