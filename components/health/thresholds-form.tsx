"use client";

import { updateThresholdsAction } from "@/app/t/[tenant]/health/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button, Card, CardBody, CardHeader, useToast } from "@/components/ui";
import { healthThresholdsSchema, type HealthThresholds } from "@/lib/health/schema";

const asNumber = { valueAsNumber: true } as const;

export function ThresholdsForm({
  tenantSlug,
  integrationId,
  values,
  canEdit,
}: {
  tenantSlug: string;
  integrationId: string;
  values: HealthThresholds;
  canEdit: boolean;
}) {
  const { toast } = useToast();
  const { form, onSubmit, formError } = useActionForm({
    schema: healthThresholdsSchema,
    defaultValues: values,
    action: (thresholds) => updateThresholdsAction(tenantSlug, { id: integrationId, thresholds }),
    onSuccess: () => {
      toast({ tone: "success", title: "Status rules saved", description: "They apply from the next check." });
    },
  });
  return (
    <Card>
      <CardHeader title="Status rules" description="When this integration counts as degraded, down, and recovered." />
      <CardBody>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {formError && <Alert tone="danger">{formError}</Alert>}
          <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
            <TextField
              form={form}
              name="failures_to_degraded"
              label="Failures to degraded"
              hint="Consecutive failed checks (1–10)."
              type="number"
              options={asNumber}
            />
            <TextField
              form={form}
              name="failures_to_down"
              label="Failures to down"
              hint="Consecutive failed checks (1–20)."
              type="number"
              options={asNumber}
            />
            <TextField
              form={form}
              name="successes_to_recover"
              label="Successes to recover"
              hint="Consecutive successful checks (1–10)."
              type="number"
              options={asNumber}
            />
            <TextField
              form={form}
              name="latency_threshold_ms"
              label="Latency threshold (ms)"
              hint="Degraded when p95 of the last 10 checks is above it."
              type="number"
              options={asNumber}
            />
          </fieldset>
          {canEdit && (
            <div>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting ? "Saving…" : "Save rules"}
              </Button>
            </div>
          )}
        </form>
      </CardBody>
    </Card>
  );
}
