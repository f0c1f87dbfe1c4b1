import { cn } from "./cn";
import { Label } from "./label";

export interface FieldProps {
  label: string;
  htmlFor: string;
  error?: string;
  hint?: string;
  className?: string;
  children: React.ReactNode;
}

export function Field({ label, htmlFor, error, hint, className, children }: FieldProps) {
  return (
    <div className={cn("grid content-start gap-1.5", className)}>
      <Label htmlFor={htmlFor}>{label}</Label>
      {children}
      {hint && (
        <p id={`${htmlFor}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${htmlFor}-error`} role="alert" className="text-sm font-medium text-danger-fg">
          {error}
        </p>
      )}
    </div>
  );
}

/** Props to spread on the control inside a `Field` so it points at the hint/error text. */
export function fieldAria(
  id: string,
  error?: string,
  hint?: string,
): { id: string; "aria-invalid": boolean | undefined; "aria-describedby": string | undefined } {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}
