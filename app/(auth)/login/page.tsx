import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui";
import { currentUser } from "@/lib/auth/session";
import { SSO_ERRORS, isSsoErrorCode } from "@/lib/sso/errors";
import { hasAnyUser } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ next?: string; email?: string; setup?: string; sso_error?: string; password?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { next, email, setup, sso_error: ssoError, password } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in to Patchbay</h1>
      {setup === "done" && (
        <Alert tone="success" className="mb-4">
          Your organisation is ready. Sign in with the owner account you just created.
        </Alert>
      )}
      {isSsoErrorCode(ssoError) && (
        <Alert tone="danger" className="mb-4">
          {SSO_ERRORS[ssoError]}
        </Alert>
      )}
      <LoginForm next={next} email={email} passwordFirst={password === "1"} />
      {password !== "1" && (
        <p className="mt-6 text-sm text-muted-foreground">
          Owner of an organisation that enforces single sign-on?{" "}
          <Link href={`/login?password=1${next ? `&next=${encodeURIComponent(next)}` : ""}`} className="underline">
            Sign in with a break-glass password
          </Link>
        </p>
      )}
    </>
  );
}
