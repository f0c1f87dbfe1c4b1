import { ShownOnce } from "@/components/ui";

/** The only moment a key exists outside its hash. */
export function NewKeyReveal({ name, secret, note }: { name: string; secret: string; note?: string }) {
  return (
    <ShownOnce
      title="Your new API key"
      description="Copy it now: it is shown only once and cannot be recovered."
      warning={`Store “${name}” somewhere safe, such as your CI’s secret store.${note ? ` ${note}` : ""}`}
      secret={secret}
      copyLabel="Copy key"
      testId="new-api-key"
    />
  );
}
