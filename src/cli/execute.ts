import { SingleBar } from "cli-progress";
import { type Progress, runOperation } from "../server/admin/operations.ts";
import { loadEnv } from "../server/env.ts";
import { isAppError } from "../server/errors.ts";
import { createLogger } from "../server/logger.ts";
import { createServices, runningServer, type ServerLock } from "../server/runtime.ts";

export class CliError extends Error {}

/** Progress as plain lines on stderr when it is not a terminal: one per tenth of the way. */
function progressLines(): { progress: Progress; stop(): void } {
  let shown = -1;
  return {
    progress: (done, total, label) => {
      const tenth = total > 0 ? Math.floor((done * 10) / total) : 10;
      if (tenth === shown) return;
      shown = tenth;
      process.stderr.write(`${done}/${total} ${label}\n`);
    },
    stop: () => {},
  };
}

/** A progress bar on a terminal; nothing when output is piped (unless asked for plain lines). */
function progressBar(plain = false): { progress: Progress; stop(): void } {
  if (!process.stderr.isTTY)
    return plain ? progressLines() : { progress: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: "{bar} {value}/{total} {label}",
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  return {
    progress: (done, total, label) => {
      if (!started) bar.start(total, 0, { label });
      started = true;
      bar.update(done, { label });
    },
    stop: () => started && bar.stop(),
  };
}

/**
 * Runs an operation: through the running server when it holds the embedded database (PGlite
 * allows one process per folder), otherwise directly on the database.
 */
export async function execute(
  operation: string,
  args: unknown,
  options: { plainProgress?: boolean } = {},
): Promise<unknown> {
  const env = loadEnv({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const bar = progressBar(options.plainProgress);
  try {
    const lock = runningServer(env);
    if (lock) return await executeRemote(lock, operation, args, bar.progress);
    const services = await createServices(env, createLogger(env, { toStderr: true }));
    try {
      return await runOperation(services, operation, args, bar.progress);
    } finally {
      await services.queue.stop().catch(() => {});
      await services.database.close();
    }
  } catch (error) {
    if (isAppError(error)) throw new CliError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
}

async function executeRemote(
  lock: ServerLock,
  operation: string,
  args: unknown,
  progress: Progress,
) {
  const response = await fetch(`http://127.0.0.1:${lock.port}/admin/operations`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-relais-admin": lock.adminToken },
    body: JSON.stringify({ operation, args }),
  });
  if (!response.ok || !response.body)
    throw new CliError(`The running server refused: HTTP ${response.status}`);
  let buffer = "";
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = JSON.parse(buffer.slice(0, newline)) as {
        progress?: { done: number; total: number; label: string };
        result?: unknown;
        error?: { message: string };
      };
      buffer = buffer.slice(newline + 1);
      if (line.progress) progress(line.progress.done, line.progress.total, line.progress.label);
      if (line.error) throw new CliError(line.error.message);
      if ("result" in line) return line.result;
      newline = buffer.indexOf("\n");
    }
  }
  throw new CliError("The running server closed the connection without an answer.");
}
