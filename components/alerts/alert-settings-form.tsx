"use client";

import { useState, useTransition } from "react";
import { updateAlertSettingsAction } from "@/app/t/[tenant]/settings/notifications/actions";
import { Alert, Button, Field, fieldAria, Input, useToast } from "@/components/ui";
import type { AlertSettingsView } from "@/lib/alerts/settings";

/** Quiet hours, the repeat interval and (owners) how long the audit log is kept. */
export function AlertSettingsForm({
  tenantSlug,
  settings,
  canSetRetention,
}: {
  tenantSlug: string;
  settings: AlertSettingsView;
  canSetRetention: boolean;
}) {
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [start, setStart] = useState(settings.quiet_hours_start ?? "");
  const [end, setEnd] = useState(settings.quiet_hours_end ?? "");
  const [timezone, setTimezone] = useState(settings.timezone);
  const [repeat, setRepeat] = useState(String(settings.repeat_interval_minutes));
  const [retention, setRetention] = useState(String(settings.audit_retention_days));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const result = await updateAlertSettingsAction(tenantSlug, {
        quiet_hours_start: start || null,
        quiet_hours_end: end || null,
        timezone,
        repeat_interval_minutes: Number(repeat),
        ...(canSetRetention ? { audit_retention_days: Number(retention) } : {}),
      });
      if (!result.ok) {
        setFormError(result.error);
        setErrors(result.fieldErrors ?? {});
        return;
      }
      setFormError(null);
      setErrors({});
      toast({ tone: "success", title: "Settings saved" });
    });
  };

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Quiet hours from" htmlFor="quiet-start" error={errors.quiet_hours_start} hint="Empty: no quiet hours.">
          <Input
            {...fieldAria("quiet-start", errors.quiet_hours_start, "hint")}
            type="time"
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        </Field>
        <Field label="Quiet hours until" htmlFor="quiet-end" error={errors.quiet_hours_end}>
          <Input {...fieldAria("quiet-end", errors.quiet_hours_end)} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
        </Field>
        <Field label="Time zone" htmlFor="quiet-tz" error={errors.timezone}>
          <Input
            {...fieldAria("quiet-tz", errors.timezone)}
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            placeholder="Europe/Berlin"
          />
        </Field>
      </div>
      <p className="text-sm text-muted-foreground">
        During quiet hours email, Slack and webhook alerts wait and arrive as one digest afterwards; the bell still shows them.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Remind about open incidents every (minutes)" htmlFor="repeat" error={errors.repeat_interval_minutes} hint="0: never.">
          <Input
            {...fieldAria("repeat", errors.repeat_interval_minutes, "hint")}
            type="number"
            min={0}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </Field>
        <Field
          label="Keep audit events (days)"
          htmlFor="retention"
          error={errors.audit_retention_days}
          hint={canSetRetention ? undefined : "Owners set this."}
        >
          <Input
            {...fieldAria("retention", errors.audit_retention_days, canSetRetention ? undefined : "hint")}
            type="number"
            min={7}
            disabled={!canSetRetention}
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
          />
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
