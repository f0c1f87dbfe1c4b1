"use client";

import { useWatch, type UseFormReturn } from "react-hook-form";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { CANONICAL_STATUSES } from "@/lib/integrations/schema";
import { DEFAULT_STATUS_SPELLINGS } from "@/lib/mapping/statuses";
import type { SettingsFormValues } from "@/lib/integrations/form-values";
import { STATUS_LABELS } from "./labels";
import { customOf, EffectiveSpellings } from "./status-mapping";

type Form = UseFormReturn<SettingsFormValues>;

const number = { valueAsNumber: true } as const;

/** Environment and base URL, shared by the create and settings forms. */
export function ConnectionFields({ form, allowHttp, baseUrlHint }: { form: Form; allowHttp: boolean; baseUrlHint?: string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        form={form}
        name="environment"
        label="Environment"
        options={[
          { value: "production", label: "Production" },
          { value: "sandbox", label: "Sandbox" },
        ]}
      />
      <TextField
        form={form}
        name="base_url"
        label="Base URL"
        type="url"
        placeholder={baseUrlHint}
        hint={allowHttp ? "http:// or https://; paths below are added to it." : "Must start with https://; paths below are added to it."}
      />
    </div>
  );
}

/** Per status, what it maps once merged with the usual spellings, as the admin types. */
function StatusMappingFields({ form }: { form: Form }) {
  const texts = useWatch({ control: form.control, name: "config.status_mapping" });
  const custom = customOf(texts ?? {});
  return (
    <fieldset className="grid gap-3">
      <legend className="text-sm font-medium">Status mapping</legend>
      <p className="text-sm text-muted-foreground">
        The provider&apos;s values for each status, separated by commas. A status left empty keeps its usual spellings; filling one replaces
        only that status&apos;s. Test the connection on the Overview tab to preview the mapping against the provider&apos;s values as you
        edit it.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {CANONICAL_STATUSES.map((status) => (
          <div key={status} className="grid min-w-0 content-start gap-1">
            <TextField
              form={form}
              name={`config.status_mapping.${status}`}
              label={STATUS_LABELS[status]}
              placeholder={DEFAULT_STATUS_SPELLINGS[status].slice(0, 3).join(", ")}
            />
            <EffectiveSpellings id={`status-effective-${status}`} status={status} custom={custom} />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function StatusPathField({ form }: { form: Form }) {
  return (
    <TextField
      form={form}
      name="config.status_path"
      label="Status JSON path (optional)"
      placeholder="$.units[*].status"
      hint="Where the statuses are in the response."
    />
  );
}

/**
 * Status endpoint, mapping and polling settings (DESIGN §3 `config`). Where inventory statuses
 * apply (`statusMapping`: a status feed such as Custom REST, or one already set up) the status path
 * and mapping are shown; elsewhere (Stripe, Slack…) they wait folded away under a disclosure.
 */
export function ConfigFields({ form, statusMapping, testEndpoint }: { form: Form; statusMapping: boolean; testEndpoint: string | null }) {
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          form={form}
          name="config.status_endpoint"
          label={testEndpoint ? "Status endpoint (optional)" : "Status endpoint"}
          placeholder={testEndpoint ?? "/health"}
          hint={
            testEndpoint
              ? `A path under the base URL. Empty: ${testEndpoint}, the provider's own test endpoint.`
              : "A path under the base URL that answers when the API works. Without one there is nothing to call: the connection cannot be tested and health is not checked."
          }
        />
        {statusMapping && <StatusPathField form={form} />}
      </div>
      {statusMapping ? (
        <StatusMappingFields form={form} />
      ) : (
        <details className="rounded-md border border-border p-3">
          <summary className="cursor-pointer text-sm font-medium">Inventory statuses (optional)</summary>
          <div className="mt-3 grid gap-4">
            <p className="text-sm text-muted-foreground">
              Only for an API that reports unit statuses (available, sold, …); this provider has none of its own.
            </p>
            <StatusPathField form={form} />
            <StatusMappingFields form={form} />
          </div>
        </details>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          form={form}
          name="config.update_method"
          label="Update method"
          options={[
            { value: "polling", label: "Polling" },
            { value: "sse", label: "Server-sent events" },
            { value: "webhook", label: "Webhook" },
          ]}
        />
        <TextField
          form={form}
          name="config.polling_interval_seconds"
          label="Polling interval (s)"
          type="number"
          hint="5 to 300."
          options={number}
        />
        <TextField form={form} name="config.timeout_seconds" label="Timeout (s)" type="number" hint="1 to 60." options={number} />
        <TextField form={form} name="config.retry_count" label="Retries" type="number" hint="0 to 10, with backoff." options={number} />
      </div>
    </div>
  );
}

/** Custom OAuth2's endpoints; catalog providers bring their own. */
export function OAuthEndpointFields({ form }: { form: Form }) {
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-medium">OAuth endpoints</legend>
      <TextField
        form={form}
        name="config.oauth.authorize_url"
        label="Authorize URL"
        type="url"
        placeholder="https://idp.example.com/oauth/authorize"
      />
      <TextField form={form} name="config.oauth.token_url" label="Token URL" type="url" placeholder="https://idp.example.com/oauth/token" />
      <TextField form={form} name="config.oauth.revoke_url" label="Revoke URL (optional)" type="url" />
      <TextField form={form} name="config.oauth.scopes" label="Scopes (optional)" hint="Separated by spaces." />
      <SelectField
        form={form}
        name="config.oauth.client_auth"
        label="Client authentication"
        options={[
          { value: "client_secret_basic", label: "HTTP Basic (client_secret_basic)" },
          { value: "client_secret_post", label: "In the request body (client_secret_post)" },
        ]}
      />
    </fieldset>
  );
}
