import type { Metadata } from "next";
import Link from "next/link";
import { signOutToInvitationAction } from "@/app/(auth)/invite/actions";
import { AcceptWithPasswordForm, InvitationStep } from "@/components/auth/accept-invitation";
import { Alert, Button } from "@/components/ui";
import { currentUser } from "@/lib/auth/session";
import { openInvitation } from "@/lib/tenancy/invitations";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const GONE = {
  unknown: "This invitation link is not valid. Check that it was copied whole, or ask for a new one.",
  expired: "This invitation has expired. Ask whoever invited you for a new one.",
  used: "This invitation was already accepted. Sign in instead.",
  revoked: "This invitation was withdrawn. Ask whoever invited you for a new one.",
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([openInvitation(token), currentUser()]);
  if (invitation.status !== "valid") {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">Invitation</h1>
        <Alert tone="warning">{GONE[invitation.status]}</Alert>
        <p className="mt-6 text-sm">
          <Link href="/login" className="underline">
            Go to sign-in
          </Link>
        </p>
      </>
    );
  }
  const path = `/invite/${token}`;
  return (
    <>
      <h1 className="text-xl font-semibold">Join {invitation.tenant.name}</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        You are invited as <strong className="text-foreground">{invitation.role}</strong> with{" "}
        <strong className="break-all text-foreground">{invitation.email}</strong>. The link works until {invitation.expiresAt.toUTCString()}
        .
      </p>
      {user && user.email !== invitation.email ? (
        <div className="grid gap-4">
          <Alert tone="warning">
            You are signed in as {user.email}, but this invitation is for {invitation.email}. Sign out, then open the link again.
          </Alert>
          <form action={signOutToInvitationAction.bind(null, token)}>
            <Button type="submit" variant="secondary">
              Sign out
            </Button>
          </form>
        </div>
      ) : user ? (
        <InvitationStep token={token} email={invitation.email} kind="join" />
      ) : invitation.sso ? (
        <InvitationStep token={token} email={invitation.email} kind="sso" />
      ) : invitation.hasAccount ? (
        <p className="text-sm">
          You already have a Patchbay account.{" "}
          <Link
            href={`/login?next=${encodeURIComponent(path)}&email=${encodeURIComponent(invitation.email)}`}
            className="font-medium underline"
          >
            Sign in to accept
          </Link>
        </p>
      ) : (
        <AcceptWithPasswordForm token={token} email={invitation.email} />
      )}
    </>
  );
}
