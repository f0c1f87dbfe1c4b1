import { cn } from "@/components/ui";
import type { Provider } from "@/lib/providers";
import { PROVIDER_LOGOS } from "./provider-logos";

/** Relative luminance per WCAG 2, for picking the monogram's text colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * The provider's brand mark (or, without one, its monogram) on its brand colour, drawn locally:
 * nothing is fetched from the provider.
 */
export function ProviderIcon({ provider, className }: { provider: Pick<Provider, "key" | "icon">; className?: string }) {
  const logo = PROVIDER_LOGOS[provider.key];
  const color = logo ? `#${logo.hex}` : provider.icon.color;
  // Black or white, whichever contrasts more: one of them always reaches 4.58:1 (WCAG AA).
  const ink = luminance(color) > 0.179 ? "#000000" : "#ffffff";
  return (
    <span
      aria-hidden="true"
      data-logo={logo ? "brand" : "monogram"}
      className={cn("inline-flex size-8 shrink-0 items-center justify-center rounded-md text-xs font-bold", className)}
      style={{ backgroundColor: color, color: ink }}
    >
      {logo ? (
        <svg viewBox="0 0 24 24" className="size-[60%]" fill="currentColor">
          <path d={logo.path} />
        </svg>
      ) : (
        provider.icon.monogram
      )}
    </span>
  );
}
