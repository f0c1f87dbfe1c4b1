import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui";
import { hasPassword } from "@/lib/auth/passwords";
import { requireTenantContext, requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ params }: { params: Promise<{ tenant: string }> }) {
  await requireTenantContext((await params).tenant);
  const user = await requireUser();
  return (
    <div className="grid gap-6">
      <PageHeader title="Your account" description={`${user.name} · ${user.email}`} />
      <Card>
        <CardHeader title="Password" description="Changing it signs you out everywhere else; this browser stays signed in." />
        <CardBody>
          {(await hasPassword(user.id)) ? (
            <ChangePasswordForm email={user.email} />
          ) : (
            <p className="text-sm text-muted-foreground">
              You sign in through single sign-on: your identity provider manages your password.
            </p>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
