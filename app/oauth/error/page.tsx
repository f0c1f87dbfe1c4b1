import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui";

export const metadata: Metadata = { title: "Connection failed" };

const REASONS: Record<string, { title: string; text: string }> = {
  missing: {
    title: "The link is incomplete",
    text: "The provider sent the browser back without the state Patchbay gave it, so this sign-in cannot be matched to a connection request.",
  },
  unknown: {
    title: "This sign-in link is not valid",
    text: "Patchbay does not know this state: the link was altered or did not come from Patchbay.",
  },
  expired: {
    title: "This sign-in link has expired",
    text: "A connection request is valid for 10 minutes. Start again from the integration.",
  },
  used: {
    title: "This sign-in link was already used",
    text: "Each connection request completes once. If the integration is not connected yet, start again from the integration.",
  },
  other_user: {
    title: "This request belongs to someone else",
    text: "It was started by another Patchbay user and only completes in their browser session. Sign in as that user, or start a new connection yourself.",
  },
  internal: {
    title: "Something went wrong on our side",
    text: "The connection was not made. Try again; if it keeps failing, check the server log.",
  },
};

/** Where the OAuth callback sends a browser it cannot accept; nothing was stored. */
export default async function OAuthErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const { title, text } = REASONS[reason ?? ""] ?? REASONS.unknown!;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-semibold text-muted-foreground">Connection failed</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-muted-foreground">{text} Nothing was changed.</p>
      <Link href="/" className={buttonClasses({ variant: "secondary" })}>
        Go to your dashboard
      </Link>
    </main>
  );
}
