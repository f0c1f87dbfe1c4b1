"use client";

import { useState, useTransition } from "react";
import { deleteOAuthClientAction, rotateOAuthClientSecretAction } from "@/app/t/[tenant]/settings/oauth-apps/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";
import {
  Alert,
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTrigger,
  Table,
  TBody,
  Td,
  Th,
  THead,
  Tr,
} from "@/components/ui";
import type { listOAuthClients } from "@/lib/oauth-server/clients";
import { ClientReveal, type CreatedClient } from "./create-oauth-client-dialog";

type ClientRow = Awaited<ReturnType<typeof listOAuthClients>>[number];

function RotateSecret({ tenantSlug, client }: { tenantSlug: string; client: ClientRow }) {
  const [open, setOpen] = useState(false);
  const [rotated, setRotated] = useState<CreatedClient | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const rotate = () =>
    startTransition(async () => {
      const result = await rotateOAuthClientSecretAction(tenantSlug, { id: client.id });
      if (result.ok) setRotated({ name: client.name, client_id: client.client_id, client_secret: result.data.clientSecret });
      else setError(result.error);
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setRotated(null);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Rotate the secret of ${client.name}`}>
          Rotate secret
        </Button>
      </DialogTrigger>
      {rotated ? (
        <ClientReveal created={rotated} />
      ) : (
        <DialogContent
          title={`Rotate the secret of “${client.name}”?`}
          description="The current secret stops working at once, and so do the client-credentials tokens it obtained. Consented grants keep working."
        >
          {error && <Alert tone="danger">{error}</Alert>}
          <DialogActions label="Rotate secret" pendingLabel="Rotating…" pending={pending} variant="danger" cancel onConfirm={rotate} />
        </DialogContent>
      )}
    </Dialog>
  );
}

/** Owners' view of the registered apps, with what each actually used in the last 30 days. */
export function OAuthClientsTable({ tenantSlug, clients }: { tenantSlug: string; clients: ClientRow[] }) {
  return (
    <Table>
      <THead>
        <Tr>
          <Th>App</Th>
          <Th>Grants</Th>
          <Th>Scopes (used in the last 30 days)</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {clients.map((c) => (
          <Tr key={c.id}>
            <Td className="max-w-72">
              <span className="font-medium">{c.name}</span>
              <Badge tone={c.type === "public" ? "info" : "neutral"} className="ml-2">
                {c.type === "public" ? "Public" : "Confidential"}
              </Badge>
              <code className="block break-all font-mono text-xs text-muted-foreground">{c.client_id}</code>
              {c.secret_hint && <span className="block text-xs text-muted-foreground">Secret {c.secret_hint}</span>}
            </Td>
            <Td className="text-sm">{c.grant_types.join(", ")}</Td>
            <Td className="text-sm">
              <ul className="grid gap-0.5">
                {c.scopes.map((s) => (
                  <li key={s}>
                    <code className="font-mono">{s}</code>{" "}
                    {c.used_scopes.includes(s) ? (
                      <Badge tone="success">used</Badge>
                    ) : c.unused_scopes.includes(s) ? (
                      <Badge tone="warning">never used</Badge>
                    ) : null}
                  </li>
                ))}
              </ul>
              {c.unused_scopes.length > 0 && (
                <p className="mt-1 text-xs text-muted-foreground">
                  Consider narrowing: it has not used {c.unused_scopes.join(", ")} in 30 days.
                </p>
              )}
            </Td>
            <Td className="whitespace-nowrap text-right">
              {c.type === "confidential" && <RotateSecret tenantSlug={tenantSlug} client={c} />}
              <ConfirmAction
                triggerLabel="Delete"
                triggerAriaLabel={`Delete ${c.name}`}
                title={`Delete “${c.name}”?`}
                description="Every token and grant this app holds, in any organisation, stops working at once. This cannot be undone."
                confirmLabel="Delete app"
                successMessage={`“${c.name}” deleted`}
                action={() => deleteOAuthClientAction(tenantSlug, { id: c.id })}
              />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
