import { once } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { openLine, passServerOutput } from "./next-output";

// Next 16's `next start` output, as printed before the server's own lines.
const NEXT_START = [
  "\u001b[35m\u001b[1m   ▲ Next.js\u001b[22m\u001b[39m 16.4.6",
  "   - Local:        http://localhost:3000",
  "   - Network:      http://0.0.0.0:3000",
  "",
  " ✓ Starting...",
  " ✓ Ready in 612ms",
  "pg-boss: worker error on webhook-delivery",
];

describe("patchbay start's console", () => {
  it("drops Next's banner and keeps what the server says", async () => {
    const from = new PassThrough();
    const to = new PassThrough();
    let out = "";
    to.on("data", (d) => (out += d));
    passServerOutput(from, to);
    from.end(NEXT_START.join("\n") + "\n");
    await once(from, "end");
    expect(out).toBe("pg-boss: worker error on webhook-delivery\n");
  });

  it("ends with the address to open: setup on a new install, sign-in after", () => {
    expect(openLine("http://localhost:3000", false)).toBe("Open http://localhost:3000 to create your organisation");
    expect(openLine("http://localhost:3000", true)).toBe("Open http://localhost:3000/login to sign in");
  });
});
