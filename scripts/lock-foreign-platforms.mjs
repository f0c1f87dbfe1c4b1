#!/usr/bin/env node
// This workplace's npm registry serves only the platform packages for this machine, so
// `npm install` cannot record the other platforms' optional binaries (@next/swc-darwin-arm64…)
// and `npm ci` then rejects the lock as out of sync. This adds those entries with their
// os/cpu, which is what npm itself records, so `npm ci` skips them here and installs them
// elsewhere. Run after `npm install` changes package-lock.json.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "linux", "win32", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPU = {
  arm64: "arm64",
  aarch64: "arm64",
  x64: "x64",
  x86_64: "x64",
  ia32: "ia32",
  arm: "arm",
  armv7: "arm",
  gnueabihf: "arm",
  eabi: "arm",
  ppc64: "ppc64",
  ppc64le: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  loong64: "loong64",
  wasm32: "wasm32",
  mips64el: "mips64el",
};

function platformOf(name) {
  const tokens = name.split("/").pop().split(/[-_.]/);
  const os = tokens.find((t) => OS.includes(t)) ?? (tokens.includes("win32") || tokens.includes("windows") ? "win32" : undefined);
  const cpuToken = tokens.find((t) => t in CPU);
  const entry = {};
  if (os) entry.os = [os];
  if (cpuToken) entry.cpu = [CPU[cpuToken]];
  if (tokens.includes("musl")) entry.libc = ["musl"];
  else if (tokens.includes("gnu") && os === "linux") entry.libc = ["glibc"];
  return entry;
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    // npm resolves a dependency from the nearest node_modules upwards, as Node does.
    const base = path === "" ? "" : `${path}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => packages[c])) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue;
    packages[`node_modules/${name}`] = {
      version: spec,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(name),
    };
    added++;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} foreign-platform optional entries`);
