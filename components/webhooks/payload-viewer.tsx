/** A JSON body pretty-printed when it parses, shown as sent when it does not. */
export function PayloadViewer({ body, label = "Payload", open = false }: { body: string; label?: string; open?: boolean }) {
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON: shown exactly as received.
  }
  return (
    <details className="rounded-md border border-border" open={open}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{label}</summary>
      <pre className="max-h-96 overflow-auto bg-surface-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap break-all" tabIndex={0}>
        {text}
      </pre>
    </details>
  );
}
