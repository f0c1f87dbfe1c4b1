"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createEndpointAction } from "@/app/t/[tenant]/webhooks/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui";
import { createEndpointSchema } from "@/lib/webhooks/schema";
import { EndpointFields } from "./endpoint-fields";
import { SecretReveal } from "./secret-reveal";

export function CreateEndpointDialog({ tenantSlug, allowHttp }: { tenantSlug: string; allowHttp: boolean }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createEndpointSchema({ allowHttp }),
    defaultValues: {
      url: "",
      description: "",
      events: [],
      headers: {},
      rate_limit_per_second: null,
      http_method: "POST",
      auth_type: "none",
      auth_credentials: { username: "", password: "", token: "", secret: "" },
      retry_policy: { enabled: true, max_retries: null, first_delay_seconds: null },
    },
    action: (values) => createEndpointAction(tenantSlug, values),
    onSuccess: (data) => setCreated({ id: data.id, secret: data.secret }),
  });
  const dialog = useDialog(() => {
    if (created) router.push(`/t/${tenantSlug}/webhooks/${created.id}`);
    setCreated(null);
    form.reset();
    setFormError(null);
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add endpoint</Button>
      </DialogTrigger>
      {created ? (
        <SecretReveal secret={created.secret} />
      ) : (
        <DialogContent title="Add webhook endpoint" description="Patchbay POSTs signed JSON to this URL when the events you choose happen.">
          <form onSubmit={onSubmit} noValidate className="grid max-h-[70vh] gap-4 overflow-y-auto pr-1">
            {formError && <Alert tone="danger">{formError}</Alert>}
            <EndpointFields form={form} allowHttp={allowHttp} />
            <DialogActions label="Add endpoint" pendingLabel="Adding…" pending={form.formState.isSubmitting} />
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
