import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real `patchbay` command against its own embedded database. */
function patchbay(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATCHBAY_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.PATCHBAY_MASTER_KEY;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/patchbay.mjs", ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("patchbay CLI", () => {
  it("bootstraps once, creates an API key, rotates keys, and refuses while a server holds the data", async () => {
    const first = await patchbay("bootstrap", "--tenant", "ops", "--email", "ops@example.com", "--password", "ops-password-123");
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("Generated master key and auth secret");
    expect(first.stdout).toContain("Bootstrapped ops: created tenant, user, membership.");
    expect(fs.statSync(path.join(dataDir, "master.key")).mode & 0o777).toBe(0o600);

    const again = await patchbay("bootstrap", "--tenant", "ops", "--email", "ops@example.com", "--password", "ops-password-123");
    expect(again.stdout).toContain("ops was already bootstrapped; nothing changed.");

    const key = await patchbay("api-key", "create", "--tenant", "ops", "--name", "CI");
    expect(key.code).toBe(0);
    expect(key.stdout.trim()).toMatch(/^pb_live_[0-9A-Za-z]{38}$/);
    expect(key.stderr).toContain('Created API key "CI"');

    const check = await patchbay("api-key", "check", key.stdout.trim());
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("Well-formed Patchbay live key");
    const secret = key.stdout.trim();
    const typo = await patchbay("api-key", "check", secret.slice(0, -1) + (secret.endsWith("0") ? "1" : "0"));
    expect(typo.code).toBe(1);

    const badScope = await patchbay("api-key", "create", "--tenant", "ops", "--name", "CI", "--scopes", "integrations:read,nope");
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toContain("--scopes: Unknown scope.");

    const rotate = await patchbay("keys", "rotate");
    expect(rotate.stdout).toMatch(/Re-encrypted \d+ of \d+ stored secrets/);

    const weak = await patchbay("bootstrap", "--tenant", "x", "--email", "x@example.com", "--password", "weak");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("--password: At least 12 characters");

    const missing = await patchbay("api-key", "create", "--tenant", "nope", "--name", "CI");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No tenant with slug "nope".');

    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      fs.writeFileSync(
        path.join(dataDir, "patchbay.lock"),
        JSON.stringify({ pid: holder.pid, owner: "the Patchbay server", startedAt: new Date().toISOString() }),
      );
      const busy = await patchbay("migrate");
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`is in use by the Patchbay server (pid ${holder.pid}`);
    } finally {
      holder.kill();
    }
  }, 120_000);
});
