"use client";

import { useId, useState, useTransition } from "react";
import { connectAction } from "@/app/t/[tenant]/integrations/[id]/oauth/actions";
import { Alert, Button, Field, fieldAria, Input } from "@/components/ui";
import { connectSchema } from "@/lib/oauth/schema";

type Props = { tenantSlug: string; integrationId: string; label: "Connect" | "Reconnect"; defaultScopes: string[]; browserless: boolean };

/** Extra scopes, then off to the provider's consent screen (or, for machine clients, straight to a token). */
export function ConnectForm({ tenantSlug, integrationId, label, defaultScopes, browserless }: Props) {
  const id = useId();
  const [scopes, setScopes] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const hint = defaultScopes.length
    ? `Always requested: ${defaultScopes.join(" ")}. Separate extra scopes with spaces.`
    : "Separate scopes with spaces.";

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = connectSchema.safeParse({ scopes });
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message);
    setFieldError(undefined);
    setError(null);
    startTransition(async () => {
      const result = await connectAction(tenantSlug, { id: integrationId, scopes });
      if (!result.ok) {
        setError(result.error);
        setFieldError(result.fieldErrors?.scopes ?? Object.entries(result.fieldErrors ?? {}).find(([k]) => k.startsWith("scopes"))?.[1]);
      }
    });
  };

  return (
    <form onSubmit={submit} className="grid gap-3" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Extra scopes (optional)" htmlFor={id} error={fieldError} hint={hint}>
        <Input
          value={scopes}
          onChange={(e) => setScopes(e.target.value)}
          placeholder="e.g. reports.read"
          autoComplete="off"
          {...fieldAria(id, fieldError, hint)}
        />
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? (browserless ? "Connecting…" : "Opening the provider…") : label}
        </Button>
      </div>
    </form>
  );
}
