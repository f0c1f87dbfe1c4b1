import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui";
import { openPasswordReset } from "@/lib/auth/passwords";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const GONE = {
  unknown: "This reset link is not valid. Check that it was copied whole, or ask an owner for a new one.",
  expired: "This reset link has expired. Ask an owner of your organisation for a new one.",
  used: "This reset link was already used. Sign in with the password you chose.",
} as const;

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await openPasswordReset(token);
  return (
    <>
      <h1 className="text-xl font-semibold">Choose a new password</h1>
      {reset.status === "valid" ? (
        <>
          <p className="mt-1 mb-6 text-sm text-muted-foreground">
            For <strong className="break-all text-foreground">{reset.email}</strong>. Signing in with it ends your other sessions.
          </p>
          <ResetPasswordForm token={token} email={reset.email} />
        </>
      ) : (
        <>
          <Alert tone="warning" className="mt-4">
            {GONE[reset.status]}
          </Alert>
          <p className="mt-6 text-sm">
            <Link href="/login" className="underline">
              Go to sign-in
            </Link>
          </p>
        </>
      )}
    </>
  );
}
