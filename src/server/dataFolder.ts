import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";

/**
 * RELAIS_DATA holds the embedded database (messages, password hashes, attachments) and the
 * secret key: only the user Relais runs as may read it. At start the process's umask becomes
 * 0o077, so whatever it (or PGlite) creates is 0600 / 0700, and what an older version left
 * readable is closed: folders 0700, files 0600.
 */
export function secureDataFolder(dir: string): void {
  // Worker threads share the process's umask and may not change it.
  if (isMainThread) process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  closeTree(dir);
}

function closeTree(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const entry of readdirSync(path)) closeTree(join(path, entry));
    return;
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(path, stat.mode & 0o700);
}
