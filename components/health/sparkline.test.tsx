import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Sparkline } from "./sparkline";

describe("Sparkline", () => {
  it("says there is not enough data below two hours, and draws a line from two", () => {
    const one = renderToStaticMarkup(<Sparkline values={[null, null, 120]} label="p95 of Shop" />);
    expect(one).toContain("Not enough data yet");
    expect(one).not.toContain("<svg");
    const two = renderToStaticMarkup(<Sparkline values={[80, null, 120, 90]} label="p95 of Shop" />);
    expect(two).toContain("<polyline");
  });
});
