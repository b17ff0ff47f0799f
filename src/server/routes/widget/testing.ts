import { WebSocket } from "ws";
import { channelCreator } from "../../commands/channelCreator.ts";
import type { Services } from "../../services.ts";

/** Test helpers for the widget: a chat channel, a visitor's session and live socket. */

export async function createChatChannel(
  services: Services,
  accountId: string,
  config: Record<string, unknown> = {},
) {
  const secret = `chat-secret-${crypto.randomUUID()}`;
  const channel = await channelCreator(services.db, services.secrets, {
    accountId,
    kind: "chat",
    name: "Site web",
    config: { allowedOrigins: ["https://shop.example"], ...config },
    secrets: { secret },
  });
  return { channel, secret };
}

export async function openWidgetSession(
  baseUrl: string,
  channelId: string,
  body: Record<string, unknown> = {},
  origin = "https://shop.example",
) {
  const response = await fetch(`${baseUrl}/widget/${channelId}/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ locale: "fr", timeZone: "Europe/Paris", ...body }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test helper reads JSON answers loosely
  const json = (await response.json()) as any;
  return { status: response.status, headers: response.headers, body: json };
}

export async function widgetGet(baseUrl: string, channelId: string, path: string, token: string) {
  const response = await fetch(`${baseUrl}/widget/${channelId}${path}`, {
    headers: { authorization: `Bearer ${token}`, origin: "https://shop.example" },
  });
  // biome-ignore lint/suspicious/noExplicitAny: test helper reads JSON answers loosely
  return { status: response.status, body: (await response.json()) as any };
}

export async function widgetPost(
  baseUrl: string,
  channelId: string,
  path: string,
  token: string,
  body: unknown,
) {
  const response = await fetch(`${baseUrl}/widget/${channelId}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      origin: "https://shop.example",
    },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test helper reads JSON answers loosely
  return { status: response.status, body: (await response.json()) as any };
}

export interface Frame {
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: frames are read loosely in tests
  [key: string]: any;
}

/** A live socket that keeps every frame it receives, and waits for the ones a test expects. */
export async function openLiveSocket(url: string, headers: Record<string, string> = {}) {
  const frames: Frame[] = [];
  const socket = new WebSocket(url, { headers });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  socket.on("message", (raw) => frames.push(JSON.parse(raw.toString()) as Frame));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
    socket.once("close", () => resolve());
  });
  return {
    socket,
    frames,
    closed,
    send: (frame: unknown) => socket.send(JSON.stringify(frame)),
    async next(predicate: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = frames.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`);
    },
    close: () => socket.close(),
  };
}

export function visitorSocketUrl(baseUrl: string, channelId: string, token: string) {
  return `${baseUrl.replace(/^http/, "ws")}/widget/${channelId}/live?token=${encodeURIComponent(token)}`;
}
