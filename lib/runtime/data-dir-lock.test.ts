import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirBusyError } from "./data-dir-lock";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("embedded data folder lock", () => {
  it("refuses a second process while the first is alive, naming who holds it", async () => {
    const dataDir = tempDir();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      fs.writeFileSync(
        path.join(dataDir, "patchbay.lock"),
        JSON.stringify({ pid: holder.pid, owner: "the Patchbay server", startedAt: new Date().toISOString() }),
      );
      expect(() => acquireDataDirLock("patchbay migrate", { databaseUrl: null, dataDir })).toThrow(DataDirBusyError);
      expect(() => acquireDataDirLock("patchbay migrate", { databaseUrl: null, dataDir })).toThrow(
        new RegExp(`the Patchbay server \\(pid ${holder.pid}`),
      );
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that is gone, and releases it", () => {
    const dataDir = tempDir();
    const lock = path.join(dataDir, "patchbay.lock");
    fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 1, owner: "crashed", startedAt: "2026-01-01" }));
    const release = acquireDataDirLock("patchbay bootstrap", { databaseUrl: null, dataDir });
    expect(JSON.parse(fs.readFileSync(lock, "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("needs no lock with a shared PostgreSQL", () => {
    const dataDir = tempDir();
    acquireDataDirLock("worker", { databaseUrl: "postgres://db/patchbay", dataDir });
    expect(fs.existsSync(path.join(dataDir, "patchbay.lock"))).toBe(false);
  });
});
