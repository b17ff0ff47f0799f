import { isIP, Socket } from "node:net";

/**
 * Tests talk only to loopback: the fakes, the PostgreSQL server, Dovecot, Chromium. A socket
 * aimed anywhere else (a provider's real host left as the default, say) is refused before any
 * DNS lookup or packet, and recorded so that the test which made it fails (see `setup.ts`).
 */

interface GuardState {
  original: Socket["connect"];
  blocked: string[];
}

const key = Symbol.for("relais.test.networkGuard");
type GlobalWithGuard = typeof globalThis & { [key]?: GuardState };

/** True for 127.0.0.0/8, ::1, IPv4-mapped loopback and the name `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (bare.startsWith("::ffff:")) return isLoopbackHost(bare.slice("::ffff:".length));
  return isIP(bare) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(bare);
}

type ConnectTarget = { path: string } | { host: string; port: string };

/** Reads the target from any of `Socket#connect`'s call forms (and Node's normalised array). */
export function connectTarget(args: unknown[]): ConnectTarget {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    const host = typeof args[1] === "string" ? args[1] : "localhost";
    return { host, port: String(first) };
  }
  if (typeof first === "string") return { path: first };
  const options = (first ?? {}) as { path?: string; host?: string; port?: number | string };
  if (options.path) return { path: options.path };
  return { host: options.host ?? "localhost", port: String(options.port ?? "") };
}

/** Patches `net.Socket#connect` once per process (TLS sockets, http and fetch all go through it). */
export function installNetworkGuard(): void {
  const scope = globalThis as GlobalWithGuard;
  if (scope[key]) return;
  const state: GuardState = { original: Socket.prototype.connect, blocked: [] };
  scope[key] = state;
  Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if ("host" in target && !isLoopbackHost(target.host)) {
      const address = `${target.host}:${target.port}`;
      state.blocked.push(address);
      const error = Object.assign(
        new Error(`test network guard: refused ${address} (not loopback)`),
        {
          code: "ECONNREFUSED",
        },
      );
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (state.original as (...a: unknown[]) => Socket).apply(this, args);
  } as Socket["connect"];
}

/** The non-loopback addresses refused since the last call, then forgets them. */
export function takeBlockedConnections(): string[] {
  const state = (globalThis as GlobalWithGuard)[key];
  if (!state) return [];
  return state.blocked.splice(0);
}
