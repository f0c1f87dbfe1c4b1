"use client";

import { updateEndpointAction } from "@/app/t/[tenant]/webhooks/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger, useToast } from "@/components/ui";
import type { EndpointAuthType, EndpointHttpMethod } from "@/lib/webhooks/endpoint-options";
import { AUTH_FIELDS, createEndpointSchema } from "@/lib/webhooks/schema";
import { EndpointFields } from "./endpoint-fields";

type Endpoint = {
  id: string;
  url: string;
  description: string;
  events: string[];
  header_names: string[];
  rate_limit_per_second: number | null;
  http_method: EndpointHttpMethod;
  auth_type: EndpointAuthType;
  has_auth: boolean;
  auth_hint: string | null;
  retry_policy: { enabled: boolean; max_retries: number | null; first_delay_seconds: number | null };
};

export function EditEndpointDialog({ tenantSlug, endpoint, allowHttp }: { tenantSlug: string; endpoint: Endpoint; allowHttp: boolean }) {
  const { toast } = useToast();
  const defaultValues = {
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events,
    headers: {},
    rate_limit_per_second: endpoint.rate_limit_per_second,
    http_method: endpoint.http_method,
    auth_type: endpoint.auth_type,
    auth_credentials: { username: "", password: "", token: "", secret: "" },
    retry_policy: {
      enabled: endpoint.retry_policy.enabled,
      max_retries: endpoint.retry_policy.max_retries,
      first_delay_seconds: endpoint.retry_policy.first_delay_seconds,
    },
  };
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createEndpointSchema({ allowHttp, storedAuthType: endpoint.has_auth ? endpoint.auth_type : undefined }),
    defaultValues,
    // Header values are write-only: none typed keeps the stored ones, any typed replace them all.
    // Enabled is left out: editing must not re-enable an endpoint that was switched off.
    // Credentials likewise: none typed keeps the stored ones of the same auth type.
    action: ({
      url,
      description,
      events,
      rate_limit_per_second,
      headers,
      http_method,
      auth_type = "none",
      auth_credentials,
      retry_policy,
    }) => {
      const typed = Object.fromEntries(AUTH_FIELDS[auth_type].map((name) => [name, auth_credentials?.[name] ?? ""]).filter(([, v]) => v));
      return updateEndpointAction(tenantSlug, {
        id: endpoint.id,
        patch: {
          url,
          description,
          events,
          rate_limit_per_second,
          http_method,
          auth_type,
          retry_policy,
          ...(Object.keys(typed).length ? { auth_credentials: typed } : {}),
          ...(headers && Object.keys(headers).length ? { headers } : {}),
        },
      });
    },
    onSuccess: () => {
      toast({ tone: "success", title: "Endpoint saved" });
      dialog.onOpenChange(false);
    },
  });
  const dialog = useDialog(() => {
    form.reset(defaultValues);
    setFormError(null);
  });
  const headersHint = endpoint.header_names.length
    ? `Now sent: ${endpoint.header_names.join(", ")}. Leave empty to keep them; lines typed here (Name: value) replace them all.`
    : "One per line, as Name: value. Values are stored encrypted and never shown again.";
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="secondary">Edit</Button>
      </DialogTrigger>
      <DialogContent title="Edit webhook endpoint" description="Changes apply to deliveries from now on; queued retries go to the new URL.">
        <form onSubmit={onSubmit} noValidate className="grid max-h-[70vh] gap-4 overflow-y-auto pr-1">
          {formError && <Alert tone="danger">{formError}</Alert>}
          <EndpointFields
            form={form}
            allowHttp={allowHttp}
            headersHint={headersHint}
            storedAuth={endpoint.has_auth ? { type: endpoint.auth_type, hint: endpoint.auth_hint ?? "••••" } : null}
          />
          <DialogActions label="Save" pendingLabel="Saving…" pending={form.formState.isSubmitting} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
