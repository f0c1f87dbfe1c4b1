import { cn } from "@/components/ui";
import type { Provider } from "@/lib/providers";

/** Relative luminance per WCAG 2, for picking the monogram's text colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The provider's monogram on its brand colour, drawn locally: nothing is fetched from the provider. */
export function ProviderIcon({ icon, className }: { icon: Provider["icon"]; className?: string }) {
  // Black or white, whichever contrasts more: one of them always reaches 4.58:1 (WCAG AA).
  const light = luminance(icon.color) > 0.179;
  return (
    <span
      aria-hidden="true"
      className={cn("inline-flex size-8 shrink-0 items-center justify-center rounded-md text-xs font-bold", className)}
      style={{ backgroundColor: icon.color, color: light ? "#000000" : "#ffffff" }}
    >
      {icon.monogram}
    </span>
  );
}
