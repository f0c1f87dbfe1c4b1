import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { currentUser } from "@/lib/auth/session";
import { hasAnyUser, listUserTenants } from "@/lib/tenancy";

export const dynamic = "force-dynamic";

export default async function Home() {
  if (!(await hasAnyUser())) redirect("/setup");
  const user = await currentUser();
  if (!user) redirect("/login");
  const [first] = await listUserTenants(user.id);
  if (first) redirect(`/t/${first.slug}`);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-semibold">No organisation yet</h1>
      <p className="text-muted-foreground">
        You are signed in as {user.email}, but you are not a member of any organisation. Ask an owner or admin of one to invite you.
      </p>
      <SignOutButton />
    </main>
  );
}
