"use client";

import { useState, useTransition } from "react";
import { claimDomainAction, removeDomainAction, verifyDomainAction } from "@/app/t/[tenant]/settings/sso/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Badge, Button, Card, CardBody, CardHeader, useToast } from "@/components/ui";
import type { DomainView } from "@/lib/sso/domains";
import { domainSchema } from "@/lib/sso/schema";
import { CopyRow } from "./copy-row";

export function DomainsCard({ tenantSlug, domains }: { tenantSlug: string; domains: DomainView[] }) {
  const { form, onSubmit, formError } = useActionForm({
    schema: domainSchema,
    defaultValues: { domain: "" },
    action: (values) => claimDomainAction(tenantSlug, values),
    onSuccess: () => form.reset(),
  });
  return (
    <Card>
      <CardHeader
        title="Verified domains"
        description="People whose email is in a verified domain sign in through your identity provider. Prove each domain with a DNS TXT record."
      />
      <CardBody className="grid gap-6">
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="min-w-0 flex-1">
            <TextField form={form} name="domain" label="Domain" placeholder="example.com" />
          </div>
          <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
            Add domain
          </Button>
        </form>
        {formError && <Alert tone="danger">{formError}</Alert>}
        {domains.length === 0 ? (
          <p className="text-sm text-muted-foreground">No domains yet. Add the domain of your company&apos;s email addresses.</p>
        ) : (
          <ul className="grid gap-4">
            {domains.map((d) => (
              <DomainRow key={d.id} tenantSlug={tenantSlug} domain={d} />
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

function DomainRow({ tenantSlug, domain }: { tenantSlug: string; domain: DomainView }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const verify = () =>
    startTransition(async () => {
      setError(null);
      const result = await verifyDomainAction(tenantSlug, { id: domain.id });
      if (result.ok) toast({ tone: "success", title: `${domain.domain} verified` });
      else setError(result.error);
    });
  return (
    <li className="grid gap-3 rounded-md border border-border p-3" aria-label={domain.domain}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{domain.domain}</span>
        {domain.verifiedAt ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Not verified</Badge>}
        <div className="ml-auto flex gap-2">
          {!domain.verifiedAt && (
            <Button size="sm" onClick={verify} disabled={pending}>
              {pending ? "Looking up…" : "Verify"}
            </Button>
          )}
          <ConfirmAction
            triggerLabel="Remove"
            triggerAriaLabel={`Remove ${domain.domain}`}
            title={`Remove ${domain.domain}?`}
            description="Its users will no longer be sent to single sign-on."
            confirmLabel="Remove domain"
            successMessage={`${domain.domain} removed`}
            action={() => removeDomainAction(tenantSlug, { id: domain.id })}
          />
        </div>
      </div>
      {!domain.verifiedAt && (
        <div className="grid gap-2">
          <p className="text-sm text-muted-foreground">Add this TXT record at your DNS provider, then choose Verify.</p>
          <CopyRow label="Record name" value={domain.recordName} />
          <CopyRow label="Record value" value={domain.recordValue} />
        </div>
      )}
      {error && <Alert tone="danger">{error}</Alert>}
    </li>
  );
}
