import { z } from "zod";
import { httpRequest, truncate } from "../http.ts";
import { type MastodonClient, mastodonRequest } from "./api.ts";

export type StreamingDiscovery =
  | { ok: true; socketUrl: string; streamingBase: string }
  | { ok: false; reason: string };

const ZInstanceV2 = z.object({
  configuration: z.object({ urls: z.object({ streaming: z.string().nullish() }) }),
});
const ZInstanceV1 = z.object({ urls: z.object({ streaming_api: z.string().nullish() }) });

/**
 * Where this server streams, and whether it does (docs.joinmastodon.org/methods/streaming,
 * "Hostname discovery" and "Check if the server is alive"): the streaming host may differ from
 * the REST host, so it is read from `GET /api/v2/instance` (`configuration.urls.streaming`,
 * Mastodon 4.0+), else `GET /api/v1/instance` (`urls.streaming_api`), else the instance URL
 * itself. The streaming server must then answer `OK` to `GET /api/v1/streaming/health` (a
 * public endpoint, asked without the token); anything else means polling only.
 */
export async function discoverStreaming(client: MastodonClient): Promise<StreamingDiscovery> {
  const advertised =
    (await instanceField(
      client,
      "/api/v2/instance",
      (body) => ZInstanceV2.parse(body).configuration.urls.streaming,
    )) ??
    (await instanceField(
      client,
      "/api/v1/instance",
      (body) => ZInstanceV1.parse(body).urls.streaming_api,
    ));
  const base = streamingBase(advertised ?? client.instanceUrl);
  if (!base) return { ok: false, reason: `unusable streaming URL: ${advertised}` };
  const healthUrl = `${withProtocol(base, "http")}/api/v1/streaming/health`;
  try {
    const response = await httpRequest(
      healthUrl,
      { method: "GET", publicOnly: client.publicOnly },
      client.timeoutMs,
    );
    if (response.status !== 200 || response.text.trim() !== "OK") {
      return {
        ok: false,
        reason: `streaming health answered ${response.status}: ${truncate(response.text, 80)}`,
      };
    }
  } catch (error) {
    return { ok: false, reason: `streaming health unreachable: ${String(error)}` };
  }
  return {
    ok: true,
    streamingBase: base,
    socketUrl: `${withProtocol(base, "ws")}/api/v1/streaming?stream=user`,
  };
}

/** A field of an instance document; null when the endpoint or the field is missing. */
async function instanceField(
  client: MastodonClient,
  path: string,
  pick: (body: unknown) => string | null | undefined,
): Promise<string | null> {
  try {
    const response = await mastodonRequest(client, "GET", path);
    if (response.status !== 200) return null;
    return pick(JSON.parse(response.text)) || null;
  } catch {
    return null;
  }
}

/** The streaming URL without its trailing slash, or null unless http(s) or ws(s). */
function streamingBase(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(parsed.protocol)) return null;
  parsed.search = "";
  parsed.hash = "";
  return parsed.toString().replace(/\/+$/, "");
}

/** `wss://host` ↔ `https://host`: health is asked over HTTP, events come over WebSocket. */
function withProtocol(base: string, family: "http" | "ws"): string {
  const secure = /^(https|wss):/.test(base);
  const scheme = family === "http" ? (secure ? "https" : "http") : secure ? "wss" : "ws";
  return base.replace(/^[a-z]+:/, `${scheme}:`);
}
