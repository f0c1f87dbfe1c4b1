import { signOutAction } from "@/app/(auth)/login/actions";
import { Button } from "@/components/ui";

export function SignOutButton({ className }: { className?: string }) {
  return (
    <form action={signOutAction} className={className}>
      <Button type="submit" variant="ghost" size="sm">
        Sign out
      </Button>
    </form>
  );
}
