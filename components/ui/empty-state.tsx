import { cn } from "./cn";

export interface EmptyStateProps {
  title: string;
  description?: string;
  action?: React.ReactNode;
  icon?: React.ReactNode;
  className?: string;
}

export function EmptyState({ title, description, action, icon, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center gap-2 rounded-lg border border-dashed border-neutral-border px-6 py-12 text-center",
        className,
      )}
    >
      {icon && (
        <div aria-hidden="true" className="mb-1 text-muted-foreground [&_svg]:size-8">
          {icon}
        </div>
      )}
      {/* Not a heading: the surrounding page decides the outline, and a fixed level would break it. */}
      <p className="text-base font-semibold text-foreground">{title}</p>
      {description && <p className="max-w-md text-sm text-muted-foreground">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
