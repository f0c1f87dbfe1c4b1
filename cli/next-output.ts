import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

// Next's own start-up banner: its version, "Local:"/"Network:" addresses (the bind address,
// 0.0.0.0, is not one a browser can open) and its progress ticks. Patchbay prints the one
// address to open instead; everything else the server writes (errors, warnings) passes through.
const BANNER = [/^\s*▲ Next\.js/, /^\s*- (Local|Network|Environments?|Experiments?):/, /^\s*✓ (Starting|Ready in)/, /^\s*$/];

// Next colours its banner when the terminal allows; the patterns read the text under the colour codes.
const ANSI = /\u001b\[[0-9;]*m/g;

export function isNextBanner(line: string): boolean {
  const text = line.replace(ANSI, "");
  return BANNER.some((pattern) => pattern.test(text));
}

/** Copies `from` to `to` line by line, leaving out Next's start-up banner. */
export function passServerOutput(from: Readable, to: Writable): void {
  createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
    if (!isNextBanner(line)) to.write(`${line}\n`);
  });
}

/** What `patchbay start` says last: where to go, and what to do there. */
export function openLine(origin: string, setUp: boolean): string {
  return setUp ? `Open ${origin}/login to sign in` : `Open ${origin} to create your organisation`;
}
