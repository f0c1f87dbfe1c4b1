import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childProcessEnv, env } from "@/lib/env";
import { runInstance } from "@/tests/peers/instance";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { findPgBin, startPostgresServer } from "@/tests/peers/postgres-server";

// Everything runs on a server of this file's own (the shared test server is never restarted):
// the workers are `patchbay worker` processes, and the app side (endpoint, events, the delivery
// log) is another process on the same database (tests/peers/webhook-events-instance.ts).
const pgBin = findPgBin();
const peer = loopbackPeers();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-worker-"));
let server: Awaited<ReturnType<typeof startPostgresServer>> | null = null;
const workers: ChildProcess[] = [];

const app = async (...args: string[]) =>
  (
    await runInstance("tests/peers/webhook-events-instance.ts", args, {
      DATABASE_URL: server!.url,
      PATCHBAY_DATA_DIR: dataDir,
      PATCHBAY_ALLOW_PRIVATE_NETWORK: "true",
    })
  ).stdout;
const succeeded = async (slug: string) => Number((await app("succeeded", slug)).trim());

/** Waits (polling the delivery log) until `count` of `slug`'s deliveries succeeded, or `deadline` passed. */
async function untilSucceeded(slug: string, count: number, deadline = Infinity) {
  while ((await succeeded(slug)) < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  return succeeded(slug);
}

/** A real `patchbay worker` on the test's server; resolves once it says it runs. */
function startWorker() {
  const child = spawn(process.execPath, ["bin/patchbay.mjs", "worker"], {
    env: childProcessEnv({ DATABASE_URL: server!.url, PATCHBAY_DATA_DIR: dataDir, PATCHBAY_ALLOW_PRIVATE_NETWORK: "true" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  const output = { text: "" };
  child.stderr!.on("data", (d) => (output.text += d));
  const running = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("Patchbay worker running") && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it ran:\n${output.text}`)));
  });
  return { child, output, running };
}

/** Resolves when `done()` holds, checked on every request the subscriber takes. */
function subscriber(respond: (res: http.ServerResponse) => void) {
  const received: string[] = [];
  const waiters: { done: () => boolean; resolve: () => void }[] = [];
  const url = peer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["webhook-id"]));
      respond(res);
      for (const w of waiters.splice(0)) {
        if (w.done()) w.resolve();
        else waiters.push(w);
      }
    });
  });
  const until = (done: () => boolean) => new Promise<void>((resolve) => (done() ? resolve() : waiters.push({ done, resolve })));
  return { url, received, until };
}

describe.skipIf(!env().databaseUrl || !pgBin)("background workers on a PostgreSQL server that restarts, and beside a killed peer", () => {
  beforeAll(async () => {
    server = await startPostgresServer(pgBin!);
  }, 180_000);

  afterAll(() => {
    for (const child of workers) child.kill("SIGKILL");
    server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps a worker running through a fast restart of the server, and it delivers afterwards", async () => {
    const hook = subscriber((res) => res.writeHead(204).end());
    await app("setup", "restart", await hook.url);
    const worker = startWorker();
    await worker.running;

    await app("emit", "restart", "0", "1");
    await hook.until(() => hook.received.length === 1);

    server!.restart();
    // A worker that died with the server fails the test at once rather than at its timeout.
    const died = new Promise<never>((_, reject) =>
      worker.child.once("exit", (code) => reject(new Error(`worker exited (${code}):\n${worker.output.text}`))),
    );
    await Promise.race([app("emit", "restart", "1", "1").then(() => hook.until(() => hook.received.length === 2)), died]);

    expect(worker.child.exitCode).toBeNull();
    expect(new Set(hook.received).size).toBe(2);
    expect(await untilSucceeded("restart", 2)).toBe(2);
    expect(worker.output.text.match(/database unavailable/g)).toHaveLength(1);
    expect(worker.output.text).toMatch(/database is back/);
    worker.child.kill("SIGTERM");
    expect(await new Promise((resolve) => worker.child.once("exit", resolve))).toBe(0);
  }, 120_000);

  it("delivers every message within a minute after a worker is SIGKILLed mid-delivery and another starts", async () => {
    // Half the messages are delivered and recorded first; the answers to the other half are held
    // back, so the first worker dies with those attempts in flight.
    let holdAnswers = false;
    const hook = subscriber((res) => setTimeout(() => res.writeHead(204).end(), holdAnswers ? 3000 : 0));
    await app("setup", "killed", await hook.url);
    const first = startWorker();
    await first.running;

    const half = 10;
    await app("emit", "killed", "0", String(half));
    await untilSucceeded("killed", half);
    const deliveredBeforeKill = new Set(hook.received);
    holdAnswers = true;
    await app("emit", "killed", String(half), String(half));
    await hook.until(() => new Set(hook.received).size === 2 * half);
    first.child.kill("SIGKILL");
    const deadline = Date.now() + 60_000;
    const second = startWorker();
    await second.running;

    expect(await untilSucceeded("killed", 2 * half, deadline)).toBe(2 * half);
    expect(new Set(hook.received).size).toBe(2 * half);
    // Only attempts the killed worker had in flight are made again.
    expect(deliveredBeforeKill.size).toBe(half);
    expect(hook.received.filter((id) => deliveredBeforeKill.has(id))).toHaveLength(half);
  }, 150_000);
});
