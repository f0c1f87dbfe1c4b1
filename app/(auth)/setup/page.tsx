import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAnyUser } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Set up Patchbay" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  return (
    <>
      <h1 className="text-xl font-semibold">Set up Patchbay</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        Create your organisation and its first owner. You can add more people afterwards.
      </p>
      <SetupForm />
    </>
  );
}
