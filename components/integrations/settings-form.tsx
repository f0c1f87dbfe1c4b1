"use client";

import { getProvider } from "@/lib/providers";
import { useMemo } from "react";
import { updateIntegrationAction } from "@/app/t/[tenant]/integrations/[id]/actions";
import { TextField } from "@/components/forms/text-field";
import { Alert, Button, Card, CardBody, CardHeader, useToast } from "@/components/ui";
import { needsOAuthEndpoints, toPatchInput, type SettingsFormValues } from "@/lib/integrations/form-values";
import { patchIntegrationSchema } from "@/lib/integrations/schema";
import { ConfigFields, ConnectionFields, OAuthEndpointFields } from "./config-fields";
import { useIntegrationForm } from "./use-integration-form";

type Props = {
  tenantSlug: string;
  id: string;
  providerKey: string;
  values: SettingsFormValues;
  allowHttp: boolean;
  canEdit: boolean;
  /** Whether inventory statuses apply to this integration (statusMappingApplies). */
  statusMapping: boolean;
};

export function SettingsForm({ tenantSlug, id, providerKey, values, allowHttp, canEdit, statusMapping }: Props) {
  const { toast } = useToast();
  const schema = useMemo(() => patchIntegrationSchema({ allowHttp }), [allowHttp]);
  const { form, onSubmit, formError } = useIntegrationForm({
    defaultValues: values,
    schema,
    toInput: (settings: SettingsFormValues) => toPatchInput(settings, providerKey),
    action: (patch) => updateIntegrationAction(tenantSlug, { id, patch }),
    onSuccess: () => toast({ tone: "success", title: "Settings saved" }),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6">
      {formError && <Alert tone="danger">{formError}</Alert>}
      {/* A disabled fieldset keeps the values readable for viewers while nothing can be changed. */}
      <fieldset disabled={!canEdit} className="grid gap-6">
        <Card>
          <CardHeader title="Connection" />
          <CardBody className="grid gap-4">
            <TextField form={form} name="name" label="Name" />
            <ConnectionFields form={form} allowHttp={allowHttp} />
          </CardBody>
        </Card>
        {needsOAuthEndpoints(providerKey) && (
          <Card>
            <CardHeader title="OAuth endpoints" />
            <CardBody>
              <OAuthEndpointFields form={form} />
            </CardBody>
          </Card>
        )}
        <Card>
          <CardHeader title={statusMapping ? "Status and polling" : "Health checks and polling"} />
          <CardBody>
            <ConfigFields form={form} statusMapping={statusMapping} testEndpoint={getProvider(providerKey)?.testEndpoint ?? null} />
          </CardBody>
        </Card>
      </fieldset>
      {canEdit && (
        <div className="flex justify-end">
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Saving…" : "Save settings"}
          </Button>
        </div>
      )}
    </form>
  );
}
