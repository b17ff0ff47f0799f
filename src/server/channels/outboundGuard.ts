import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
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
