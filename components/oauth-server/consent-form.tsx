"use client";

import { useState, useTransition } from "react";
import { decideConsentAction } from "@/app/oauth/authorize/actions";
import { Alert, Button, Field, Select } from "@/components/ui";

type Props = { request: string; tenants: { slug: string; name: string }[] };

/** Allow or deny; the browser then goes where the server says (the app's redirect URI). */
export function ConsentForm({ request, tenants }: Props) {
  const [tenant, setTenant] = useState(tenants[0]!.slug);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const decide = (decision: "allow" | "deny") =>
    startTransition(async () => {
      setError(null);
      const result = await decideConsentAction({ request, tenant, decision });
      if (result.ok) window.location.assign(result.data);
      else setError(result.error);
    });
  return (
    <div className="grid gap-4">
      {error && <Alert tone="danger">{error}</Alert>}
      {tenants.length > 1 ? (
        <Field label="Organisation" htmlFor="consent-tenant" hint="The app will act in this organisation only.">
          <Select id="consent-tenant" value={tenant} onChange={(e) => setTenant(e.target.value)}>
            {tenants.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <p className="text-sm">
          Organisation: <strong>{tenants[0]!.name}</strong>
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => decide("allow")} disabled={pending}>
          Allow
        </Button>
        <Button variant="secondary" onClick={() => decide("deny")} disabled={pending}>
          Deny
        </Button>
      </div>
    </div>
  );
}
