"use client";

import { useState, useTransition } from "react";
import { deleteChannelAction, testChannelAction, updateChannelAction } from "@/app/t/[tenant]/settings/notifications/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger, useToast } from "@/components/ui";
import type { ChannelView } from "@/lib/alerts/channels";
import { EventRuleCheckboxes } from "./event-rule-checkboxes";

/** Per channel: send a test, change its rules, turn it on or off, delete it (not the in-app one). */
export function ChannelActions({ tenantSlug, channel }: { tenantSlug: string; channel: ChannelView }) {
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState(channel.events);
  const [error, setError] = useState<string | null>(null);

  const test = () =>
    startTransition(async () => {
      const result = await testChannelAction(tenantSlug, { id: channel.id });
      if (!result.ok) return toast({ tone: "danger", title: result.error });
      toast(
        result.data.success
          ? { tone: "success", title: `Test sent to ${channel.name}` }
          : { tone: "danger", title: `Test to ${channel.name} failed: ${result.data.error ?? "unknown error"}` },
      );
    });
  const toggle = () =>
    startTransition(async () => {
      const result = await updateChannelAction(tenantSlug, { id: channel.id, patch: { enabled: !channel.enabled } });
      toast(
        result.ok
          ? { tone: "success", title: channel.enabled ? "Channel turned off" : "Channel turned on" }
          : { tone: "danger", title: result.error },
      );
    });
  const saveRules = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const result = await updateChannelAction(tenantSlug, { id: channel.id, patch: { events } });
      if (!result.ok) return setError(result.error);
      setOpen(false);
      toast({ tone: "success", title: "Rules saved" });
    });
  };

  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" size="sm" disabled={pending} onClick={test} aria-label={`Send a test to ${channel.name}`}>
        Send test
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          setEvents(channel.events);
          setError(null);
        }}
      >
        <DialogTrigger asChild>
          <Button variant="secondary" size="sm" aria-label={`Rules of ${channel.name}`}>
            Rules
          </Button>
        </DialogTrigger>
        <DialogContent title={`Rules of ${channel.name}`} description="The events this channel hears about.">
          <form onSubmit={saveRules} className="grid max-h-[70vh] gap-4 overflow-y-auto pr-1">
            {error && <Alert tone="danger">{error}</Alert>}
            <EventRuleCheckboxes idPrefix={`channel-${channel.id}`} value={events} onChange={setEvents} />
            <DialogActions label="Save rules" pendingLabel="Saving…" pending={pending} />
          </form>
        </DialogContent>
      </Dialog>
      <Button variant="secondary" size="sm" disabled={pending} onClick={toggle}>
        {channel.enabled ? "Turn off" : "Turn on"}
      </Button>
      {channel.kind !== "in_app" && (
        <ConfirmAction
          triggerLabel="Delete"
          triggerAriaLabel={`Delete channel ${channel.name}`}
          title="Delete this channel?"
          description="Nothing more is sent to it, and its delivery history goes with it."
          confirmLabel="Delete channel"
          successMessage="Channel deleted"
          action={() => deleteChannelAction(tenantSlug, { id: channel.id })}
        />
      )}
    </div>
  );
}
