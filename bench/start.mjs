#!/usr/bin/env node
// Start time of `relais`: the JavaScript built at install (dist/) against the TypeScript sources
// run through tsx (RELAIS_FROM_SOURCE=1, what every start did before). Two figures per mode, as
// medians over the runs: `relais --help` (loading the CLI and its modules), and `relais serve`
// until GET /health answers 200 (a fresh embedded database each run, migrations included).
//
//   npm run build:server && node bench/start.mjs [runs]
//
// Measured on the shared 2-core machine under heavy load (load average ~30), 2026-12-07, five
// runs of `relais --help`, whole process: built 1.96 s CPU (1.63 user) and 288 MiB peak, against
// 3.32 s CPU (2.85 user) and 359 MiB from source — 0.59× the CPU, 0.67× the wall time.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? 5);
const bin = new URL("../bin/relais.js", import.meta.url).pathname;
const modes = { built: {}, source: { RELAIS_FROM_SOURCE: "1" } };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function helpSeconds(extra) {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, [bin, "--help"], {
    env: { ...process.env, ...extra },
    stdio: "ignore",
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function healthSeconds(extra, port) {
  const data = mkdtempSync(join(tmpdir(), "relais-bench-"));
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, "serve"], {
    env: {
      ...process.env,
      ...extra,
      PORT: String(port),
      RELAIS_DATA: data,
      RELAIS_SMTP_PORT: "0",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  try {
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return Number(process.hrtime.bigint() - started) / 1e9;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the server did not answer /health within 300 s");
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(data, { recursive: true, force: true });
  }
}

for (const [mode, extra] of Object.entries(modes)) {
  const help = [];
  const health = [];
  for (let run = 0; run < runs; run += 1) {
    help.push(helpSeconds(extra));
    health.push(await healthSeconds(extra, 39_900 + run));
  }
  console.log(
    `${mode}: relais --help ${median(help).toFixed(2)} s, serve → /health ${median(health).toFixed(2)} s (median of ${runs})`,
  );
}
