import { cn } from "./cn";

export type AlertTone = "info" | "danger" | "success" | "warning";

const tones: Record<AlertTone, string> = {
  info: "border-info-border bg-info-bg text-info-fg",
  danger: "border-danger-border bg-danger-bg text-danger-fg",
  success: "border-success-border bg-success-bg text-success-fg",
  warning: "border-warning-border bg-warning-bg text-warning-fg",
};

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  className?: string;
  children?: React.ReactNode;
}

export function Alert({ tone = "info", title, className, children }: AlertProps) {
  return (
    // Only errors should interrupt a screen reader; other tones are announced politely.
    <div role={tone === "danger" ? "alert" : "status"} className={cn("rounded-lg border px-4 py-3 text-sm", tones[tone], className)}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={cn(title && "mt-1")}>{children}</div>}
    </div>
  );
}
