import { renderToStaticMarkup } from "react-dom/server";
import { siStripe } from "simple-icons";
import { describe, expect, it } from "vitest";
import { getProvider, PROVIDERS } from "@/lib/providers";
import { ProviderIcon } from "./provider-icon";

function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("ProviderIcon", () => {
  it("draws a provider's simple-icons mark, and falls back to the monogram without one", () => {
    const stripe = renderToStaticMarkup(<ProviderIcon provider={getProvider("stripe")!} />);
    expect(stripe).toContain('data-logo="brand"');
    expect(stripe).toContain(`d="${siStripe.path}"`);
    expect(stripe).toContain(`background-color:#${siStripe.hex}`);
    const custom = renderToStaticMarkup(<ProviderIcon provider={getProvider("custom_rest")!} />);
    expect(custom).toContain('data-logo="monogram"');
    expect(custom).not.toContain("<svg");
    expect(custom).toContain(`>${getProvider("custom_rest")!.icon.monogram}<`);
  });

  it("inks every provider's tile in black or white at AA contrast", () => {
    for (const provider of PROVIDERS) {
      const html = renderToStaticMarkup(<ProviderIcon provider={provider} />);
      const [, background, ink] = /background-color:(#[0-9A-Fa-f]{6});color:(#[0-9a-f]{6})/.exec(html) ?? [];
      expect(contrast(background!, ink!), provider.key).toBeGreaterThanOrEqual(4.5);
    }
  });
});
