import { cn } from "./cn";

// text-base below sm stops iOS Safari zooming into focused fields. A disabled control (a viewer's
// form) keeps its value in full text colour on a muted, dashed box: faded, it read as a placeholder.
export const controlClasses =
  "block w-full rounded-md border border-input bg-surface px-3 py-2 text-base text-foreground placeholder:text-muted-foreground sm:text-sm disabled:cursor-not-allowed disabled:border-dashed disabled:bg-surface-muted aria-invalid:border-danger";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input className={cn(controlClasses, "h-10", className)} {...props} />;
}

export function Textarea({ className, rows = 4, ...props }: React.ComponentProps<"textarea">) {
  return <textarea rows={rows} className={cn(controlClasses, "min-h-20", className)} {...props} />;
}
