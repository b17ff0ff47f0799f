import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup } from "node:dns/promises";
import { request as httpRequestNode } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";
import { Readable } from "node:stream";
import type { Env } from "../env.ts";
import { unprocessable } from "../errors.ts";

/**
 * Addresses an outbound request must not reach unless the installation allows it: loopback,
 * private networks, link-local (cloud metadata at 169.254.169.254), and the like.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Every http(s) URL among a settings object's values (nested ones too). */
function urlsIn(value: unknown, found: URL[] = []): URL[] {
  if (typeof value === "string" && /^https?:\/\//i.test(value)) {
    try {
      found.push(new URL(value));
    } catch {}
  } else if (Array.isArray(value)) {
    for (const item of value) urlsIn(item, found);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) urlsIn(item, found);
  }
  return found;
}

/**
 * Refuses (422) settings whose URLs — a webhook, a callback, a provider's base URL — resolve to
 * a private, loopback or link-local address, so an admin cannot make the server call its own
 * network or the cloud's metadata service. RELAIS_OUTBOUND_ALLOW_PRIVATE=true allows them.
 */
export async function assertPublicUrls(env: Env, settings: unknown): Promise<void> {
  if (env.RELAIS_OUTBOUND_ALLOW_PRIVATE) return;
  for (const url of urlsIn(settings)) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const addresses = isIP(host)
      ? [host]
      : await lookup(host, { all: true }).then(
          (found) => found.map((entry) => entry.address),
          () => [] as string[],
        );
    if (addresses.some(isPrivateAddress)) {
      throw unprocessable(
        "private_address",
        `${url.host} is a private or local address; Relais calls only public addresses (set RELAIS_OUTBOUND_ALLOW_PRIVATE=true to allow it).`,
      );
    }
  }
}

/** The error of a call refused because its host resolves to a private address now. */
export class PrivateAddressRefused extends Error {
  readonly code = "EPRIVATEADDRESS";
}

function refusal(host: string, address: string): PrivateAddressRefused {
  return new PrivateAddressRefused(
    `${host} resolves to ${address}, a private or local address; Relais calls only public ` +
      "addresses (set RELAIS_OUTBOUND_ALLOW_PRIVATE=true to allow it).",
  );
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for sockets that resolves the host at the moment of connecting and refuses it when
 * any address is private: what the connection then uses is the very address checked, so a name
 * that answered a public address when the URL was saved and a private one now (DNS rebinding)
 * is refused.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  lookup(hostname, { ...options, all: true }).then(
    (addresses) => {
      const found = addresses.find((entry) => isPrivateAddress(entry.address));
      if (found) return callback(refusal(hostname, found.address), []);
      if (addresses.length === 0) return callback(refusal(hostname, "nothing"), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return callback(null, first?.address ?? "", first?.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, []),
  );
}

/**
 * One HTTP call to a URL an admin typed (an API channel's callback, a webhook being registered),
 * checked at send time: the host is resolved as the socket connects and a private, loopback or
 * link-local address is refused (`PrivateAddressRefused`). Callers skip it when the installation
 * allows private addresses (RELAIS_OUTBOUND_ALLOW_PRIVATE, which the tests set for their fakes).
 */
export async function publicHttpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
  timeoutMs: number,
): Promise<{ status: number; headers: Headers; text: string }> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isPrivateAddress(host)) throw refusal(host, host);
  const send = target.protocol === "https:" ? httpsRequest : httpRequestNode;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: init.method ?? "POST",
        headers: init.headers,
        lookup: publicOnlyLookup as never,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (value === undefined) continue;
            for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers,
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
      },
    );
    request.on("error", (error: Error) =>
      reject(
        error instanceof PrivateAddressRefused ? error : new Error(error.message, { cause: error }),
      ),
    );
    request.end(init.body);
  });
}

/**
 * A GET of a file at a URL a provider or an admin named (a media download), checked like
 * `publicHttpRequest`: every hop of up to `maxRedirects` redirects is resolved as its socket
 * connects and refused (`PrivateAddressRefused`) when private. The authorization header is
 * dropped when a redirect leaves the first origin. The body is left to stream, as fetch's is.
 */
export async function publicHttpGet(
  url: string,
  init: { headers?: Record<string, string> },
  timeoutMs: number,
  maxRedirects = 5,
): Promise<Response> {
  const signal = AbortSignal.timeout(timeoutMs);
  const origin = new URL(url).origin;
  let target = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && isPrivateAddress(host)) throw refusal(host, host);
    const headers = { ...init.headers };
    if (target.origin !== origin) delete headers.authorization;
    const send = target.protocol === "https:" ? httpsRequest : httpRequestNode;
    const response = await new Promise<import("node:http").IncomingMessage>((resolve, reject) => {
      const request = send(
        target,
        { method: "GET", headers, lookup: publicOnlyLookup as never, signal },
        resolve,
      );
      request.on("error", (error: Error) =>
        reject(
          error instanceof PrivateAddressRefused
            ? error
            : new Error(error.message, { cause: error }),
        ),
      );
      request.end();
    });
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (hop >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
      target = new URL(location, target);
      continue;
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
    }
    const body = status === 204 || status === 304 ? null : (Readable.toWeb(response) as never);
    return new Response(body, { status, headers: responseHeaders });
  }
}
