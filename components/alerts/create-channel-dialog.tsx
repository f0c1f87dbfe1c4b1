"use client";

import { useState, useTransition } from "react";
import { createChannelAction } from "@/app/t/[tenant]/settings/notifications/actions";
import { useDialog } from "@/components/forms/use-dialog";
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTrigger,
  Field,
  fieldAria,
  Input,
  Select,
  useToast,
} from "@/components/ui";
import { DEFAULT_ALERT_EVENTS } from "@/lib/alerts/schema";
import { EventRuleCheckboxes } from "./event-rule-checkboxes";

type Kind = "email" | "slack" | "webhook";
type Endpoint = { id: string; url: string };

export function CreateChannelDialog({
  tenantSlug,
  emailConfigured,
  endpoints,
}: {
  tenantSlug: string;
  emailConfigured: boolean;
  endpoints: Endpoint[];
}) {
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [kind, setKind] = useState<Kind>(emailConfigured ? "email" : "slack");
  const [name, setName] = useState("");
  const [emailTo, setEmailTo] = useState("");
  const [slackUrl, setSlackUrl] = useState("");
  const [endpointId, setEndpointId] = useState(endpoints[0]?.id ?? "");
  const [events, setEvents] = useState<string[]>(DEFAULT_ALERT_EVENTS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const dialog = useDialog(() => {
    setName("");
    setEmailTo("");
    setSlackUrl("");
    setEvents(DEFAULT_ALERT_EVENTS);
    setErrors({});
    setFormError(null);
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const base = { name, events };
    const input =
      kind === "email"
        ? { kind, ...base, email_to: emailTo.split(/[\s,;]+/).filter(Boolean) }
        : kind === "slack"
          ? { kind, ...base, slack_url: slackUrl }
          : { kind, ...base, endpoint_id: endpointId };
    startTransition(async () => {
      const result = await createChannelAction(tenantSlug, input);
      if (!result.ok) {
        setFormError(result.error);
        setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.split(".")[0]!, v])));
        return;
      }
      toast({ tone: "success", title: "Channel added" });
      dialog.onOpenChange(false);
    });
  };

  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add channel</Button>
      </DialogTrigger>
      <DialogContent title="Add alert channel" description="Where Patchbay tells you that something broke, changed or recovered.">
        <form onSubmit={submit} noValidate className="grid max-h-[70vh] gap-4 overflow-y-auto pr-1">
          {formError && <Alert tone="danger">{formError}</Alert>}
          <Field
            label="Kind"
            htmlFor="channel-kind"
            hint={emailConfigured ? undefined : "Email is not configured on this Patchbay (an operator sets the PATCHBAY_SMTP_* settings)."}
          >
            <Select id="channel-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="email" disabled={!emailConfigured}>
                Email{emailConfigured ? "" : " (not configured)"}
              </option>
              <option value="slack">Slack incoming webhook</option>
              <option value="webhook" disabled={endpoints.length === 0}>
                Webhook endpoint{endpoints.length === 0 ? " (add one under Webhooks first)" : ""}
              </option>
            </Select>
          </Field>
          <Field label="Name" htmlFor="channel-name" error={errors.name}>
            <Input
              {...fieldAria("channel-name", errors.name)}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="#ops alerts"
            />
          </Field>
          {kind === "email" && (
            <Field label="Send to" htmlFor="channel-email-to" error={errors.email_to} hint="Addresses separated by commas.">
              <Input
                {...fieldAria("channel-email-to", errors.email_to, "hint")}
                value={emailTo}
                onChange={(e) => setEmailTo(e.target.value)}
                placeholder="oncall@example.com"
              />
            </Field>
          )}
          {kind === "slack" && (
            <Field
              label="Incoming-webhook URL"
              htmlFor="channel-slack-url"
              error={errors.slack_url}
              hint="Stored encrypted; only its last characters are shown again."
            >
              <Input
                {...fieldAria("channel-slack-url", errors.slack_url, "hint")}
                type="url"
                autoComplete="off"
                value={slackUrl}
                onChange={(e) => setSlackUrl(e.target.value)}
                placeholder="https://hooks.slack.com/services/…"
              />
            </Field>
          )}
          {kind === "webhook" && (
            <Field
              label="Endpoint"
              htmlFor="channel-endpoint"
              error={errors.endpoint_id}
              hint="Alerts arrive as signed alert.notification deliveries."
            >
              <Select id="channel-endpoint" value={endpointId} onChange={(e) => setEndpointId(e.target.value)}>
                {endpoints.map((ep) => (
                  <option key={ep.id} value={ep.id}>
                    {ep.url}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <EventRuleCheckboxes idPrefix="channel-new" value={events} onChange={setEvents} error={errors.events} />
          <DialogActions label="Add channel" pendingLabel="Adding…" pending={pending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
