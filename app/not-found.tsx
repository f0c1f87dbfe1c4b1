import Link from "next/link";
import { buttonClasses } from "@/components/ui";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-semibold text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">It does not exist, or you do not have access to it.</p>
      <Link href="/" className={buttonClasses({ variant: "secondary" })}>
        Go to your dashboard
      </Link>
    </main>
  );
}
