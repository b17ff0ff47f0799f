#!/usr/bin/env node
// `npm test`'s pretest step: the suite uses real peers from Debian — Chromium (browser tests),
// Dovecot (IMAP tests), the emoji font (screenshots) — and the PostgreSQL server on 127.0.0.1:5432.
// When one is missing: install or start it when running as root, otherwise stop at once with
// the exact command to run. Plain JavaScript so that it costs a few milliseconds when all is there.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createConnection } from "node:net";
import { pathToFileURL } from "node:url";

/** What the tests look for, and where they look (the same paths as the tests' own helpers). */
export const packages = [
  {
    name: "chromium",
    usedBy: "the browser tests",
    present: (env) => existsSync(env.RELAIS_CHROMIUM ?? "/usr/bin/chromium"),
  },
  {
    name: "dovecot-imapd",
    usedBy: "the IMAP tests",
    present: () =>
      ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].some((path) => existsSync(path)),
  },
  {
    name: "fonts-noto-color-emoji",
    usedBy: "emoji in the browser screenshots",
    present: () => existsSync("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
  },
];

/**
 * What to do, from what was found: nothing, a list of commands to run (as root), or a message
 * to stop with. Pure, so that the decision is tested without touching the machine.
 * @param {{ missing: string[], postgresUp: boolean, postgresVersions: string[], root: boolean, apt: boolean }} found
 * @returns {{ action: "none" } | { action: "run", commands: string[][] } | { action: "stop", message: string }}
 */
export function plan(found) {
  const commands = [];
  if (found.missing.length > 0) {
    commands.push(["apt-get", "update", "-qq"]);
    commands.push(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...found.missing]);
  }
  if (!found.postgresUp && found.postgresVersions.length > 0) {
    const version = found.postgresVersions.at(-1);
    commands.push(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"]);
  }
  if (!found.postgresUp && found.postgresVersions.length === 0) {
    const install = found.missing.length > 0 ? `\nand: ${shell(commands, found.root)}` : "";
    return {
      action: "stop",
      message: `The tests also run on a PostgreSQL server at 127.0.0.1:5432 (user postgres, database test; or set RELAIS_TEST_POSTGRES_URL), and none is installed or reachable.${install}`,
    };
  }
  if (commands.length === 0) return { action: "none" };
  if (found.root && found.apt) return { action: "run", commands };
  const line = shell(commands, found.root);
  const what =
    found.missing.length > 0 ? `missing Debian packages: ${found.missing.join(", ")}` : "";
  const pg = found.postgresUp ? "" : "PostgreSQL is not running";
  return {
    action: "stop",
    message: `The test suite needs what this machine lacks (${[what, pg].filter(Boolean).join("; ")}). Run:\n  ${line}\nthen npm test again.`,
  };
}

/** The commands as one shell line, with sudo when not root. */
function shell(commands, root) {
  return commands.map((command) => `${root ? "" : "sudo "}${command.join(" ")}`).join(" && ");
}

/** True when something accepts TCP connections on the address, within the bound. */
export function listening(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (up) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The machine as it is: packages present, PostgreSQL up, root or not. */
export async function inspect(env = process.env) {
  const target = new URL(env.RELAIS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test");
  return {
    missing: packages.filter((p) => !p.present(env)).map((p) => p.name),
    postgresUp: await listening(target.hostname, Number(target.port || 5432)),
    postgresVersions: existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql").sort() : [],
    root: process.getuid?.() === 0,
    apt: existsSync("/usr/bin/apt-get"),
  };
}

/** Runs the check; returns the exit code (0: ready). */
export async function main({ look = inspect, run = runCommand, log = console.error } = {}) {
  const decision = plan(await look());
  if (decision.action === "none") return 0;
  if (decision.action === "stop") {
    log(decision.message);
    return 1;
  }
  for (const command of decision.commands) {
    log(`pretest: ${command.join(" ")}`);
    if (run(command) !== 0) {
      log(`pretest: \`${command.join(" ")}\` failed`);
      return 1;
    }
  }
  const after = plan(await look());
  if (after.action === "none") return 0;
  log(after.action === "stop" ? after.message : "pretest: still not ready after installing");
  return 1;
}

function runCommand(command) {
  const [file, ...args] = command;
  const result = spawnSync(file, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main();
}
