import { ShownOnce } from "@/components/ui";

export type IssuedLink = { link: string; expiresAt: Date; emailed: boolean; emailError: string | null };

function mailNote(issued: IssuedLink, to: string): string {
  if (issued.emailed) return `It was also emailed to ${to}.`;
  if (issued.emailError) return `Emailing it to ${to} failed (${issued.emailError}): send it yourself.`;
  return `Send it to ${to} yourself: this Patchbay has no mail server configured.`;
}

/** An invitation or reset link, once: the token in it is stored only as a hash, so it cannot be shown again. */
export function LinkReveal({ issued, to, title, purpose }: { issued: IssuedLink; to: string; title: string; purpose: string }) {
  return (
    <ShownOnce
      title={title}
      description={`${purpose} It works once, until ${issued.expiresAt.toLocaleString()}. This is the only time it is shown.`}
      warning={mailNote(issued, to)}
      secret={issued.link}
      copyLabel="Copy link"
      testId="issued-link"
    />
  );
}
