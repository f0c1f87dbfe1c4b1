"use client";

import { useState, useTransition } from "react";
import { setBreakGlassAction, setEnforcementAction } from "@/app/t/[tenant]/settings/sso/actions";
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
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
  useToast,
} from "@/components/ui";
import type { LockoutReason, MemberAccess } from "@/lib/sso/enforce";

const REASONS: Record<LockoutReason, string> = {
  outside_verified_domains: "Email outside the verified domains",
  owner_without_sso_identity: "Owner who has never signed in through SSO",
};

export function EnforcementCard({
  tenantSlug,
  enforced,
  members,
  canEnforce,
}: {
  tenantSlug: string;
  enforced: boolean;
  members: MemberAccess[];
  canEnforce: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const toggleBreakGlass = (m: MemberAccess) =>
    startTransition(async () => {
      setError(null);
      const result = await setBreakGlassAction(tenantSlug, { user_id: m.userId, break_glass: !m.breakGlass });
      if (!result.ok) setError(result.error);
    });
  const lift = () =>
    startTransition(async () => {
      const result = await setEnforcementAction(tenantSlug, { enforced: false });
      if (result.ok) toast({ tone: "success", title: "Single sign-on is no longer enforced" });
      else setError(result.error);
    });
  return (
    <Card>
      <CardHeader
        title="Enforce single sign-on"
        description="When enforced, people in your verified domains can sign in only through your identity provider, and only they and break-glass owners can open this organisation."
        action={
          enforced ? (
            <Button variant="secondary" onClick={lift} disabled={pending}>
              Stop enforcing
            </Button>
          ) : (
            <EnforceDialog tenantSlug={tenantSlug} members={members} disabled={!canEnforce} />
          )
        }
      />
      <CardBody className="grid gap-4">
        {enforced ? (
          <Alert tone="success">Single sign-on is enforced.</Alert>
        ) : (
          !canEnforce && <Alert tone="info">Set up an identity provider and verify a domain first.</Alert>
        )}
        {error && <Alert tone="danger">{error}</Alert>}
        <Table>
          <THead>
            <Tr>
              <Th>Member</Th>
              <Th>Role</Th>
              <Th>SSO identity</Th>
              <Th>Break-glass</Th>
            </Tr>
          </THead>
          <TBody>
            {members.map((m) => (
              <Tr key={m.userId}>
                <Td>{m.email}</Td>
                <Td>{m.role}</Td>
                <Td>{m.hasSsoIdentity ? <Badge tone="success">Yes</Badge> : <Badge>No</Badge>}</Td>
                <Td>
                  {m.role === "owner" ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => toggleBreakGlass(m)}
                      disabled={pending}
                      aria-label={`${m.breakGlass ? "Remove break-glass from" : "Make break-glass"} ${m.email}`}
                    >
                      {m.breakGlass ? "Break-glass ✓" : "Make break-glass"}
                    </Button>
                  ) : (
                    <span className="text-sm text-muted-foreground">Owners only</span>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </CardBody>
    </Card>
  );
}

/** The lockout preview: who would lose access, then an explicit confirmation. */
function EnforceDialog({ tenantSlug, members, disabled }: { tenantSlug: string; members: MemberAccess[]; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const losing = members.filter((m) => m.lockout);
  const confirm = () =>
    startTransition(async () => {
      const result = await setEnforcementAction(tenantSlug, { enforced: true, confirmed: true });
      if (result.ok) {
        setOpen(false);
        toast({ tone: "success", title: "Single sign-on is enforced" });
      } else setError(result.error);
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button disabled={disabled}>Enforce SSO…</Button>
      </DialogTrigger>
      <DialogContent title="Enforce single sign-on?" description="Check who would lose access before you confirm.">
        {error && <Alert tone="danger">{error}</Alert>}
        {losing.length === 0 ? (
          <Alert tone="success">Nobody loses access.</Alert>
        ) : (
          <div className="grid gap-2">
            <p className="text-sm font-medium">These members would lose access:</p>
            <ul className="grid gap-1 text-sm" aria-label="Members who would lose access">
              {losing.map((m) => (
                <li key={m.userId}>
                  <span className="font-medium">{m.email}</span> ({m.role}) — {REASONS[m.lockout!]}
                </li>
              ))}
            </ul>
          </div>
        )}
        <DialogActions label="Enforce SSO" pendingLabel="Enforcing…" pending={pending} variant="danger" cancel onConfirm={confirm} />
      </DialogContent>
    </Dialog>
  );
}
