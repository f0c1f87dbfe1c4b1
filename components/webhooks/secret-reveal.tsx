import { ShownOnce } from "@/components/ui";

export function SecretReveal({ secret, note }: { secret: string; note?: string }) {
  return (
    <ShownOnce
      title="Signing secret"
      description="Copy it now: it is shown only once."
      warning={`Give it to the receiving system to verify the webhook-signature header.${note ? ` ${note}` : ""}`}
      secret={secret}
      copyLabel="Copy secret"
      testId="webhook-secret"
    />
  );
}
