import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui";
import { currentUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ next?: string; email?: string; setup?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { next, email, setup } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in to Patchbay</h1>
      {setup === "done" && (
        <Alert tone="success" className="mb-4">
          Your organisation is ready. Sign in with the owner account you just created.
        </Alert>
      )}
      <LoginForm next={next} email={email} />
    </>
  );
}
