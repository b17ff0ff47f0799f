import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { type FakeStatus, type MastodonAccount, startMastodonFake } from "./mastodon.ts";

/**
 * A Mastodon server whose streaming API runs on its own host, as on mastodon.social
 * (`wss://streaming.mastodon.social`): the REST host answers `GET /api/v2/instance` with
 * `configuration.urls.streaming` and serves everything else through the REST fake
 * (test/fakes/mastodon.ts); the streaming host answers `GET /api/v1/streaming/health` with
 * `OK` and upgrades `GET /api/v1/streaming?stream=user` to a WebSocket for a valid token
 * (`Authorization: Bearer`, `Sec-WebSocket-Protocol` or the legacy `access_token`), then sends
 * frames `{"stream": ["user"], "event", "payload"}` whose payload is the entity cast to a
 * string, or the bare id for `delete` (docs.joinmastodon.org/methods/streaming).
 */
export async function startMastodonStreamingFake(options: {
  accessToken: string;
  brand: MastodonAccount;
}) {
  const rest = await startMastodonFake(options);
  const clients = new Set<WebSocket>();
  const upgrades: Array<{ url: string; headers: IncomingMessage["headers"]; status: number }> = [];
  const healthChecks: number[] = [];
  let health = { status: 200, body: "OK" };
  let refusal: number | null = null;

  const streaming = createServer((request, response) => {
    if (request.url === "/api/v1/streaming/health") {
      healthChecks.push(Date.now());
      response.writeHead(health.status, { "content-type": "text/plain" });
      response.end(health.body);
      return;
    }
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: "Not found" }));
  });
  const wss = new WebSocketServer({ noServer: true });
  streaming.on("upgrade", (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://streaming.invalid");
    const token =
      request.headers.authorization?.replace(/^Bearer /, "") ??
      request.headers["sec-websocket-protocol"] ??
      url.searchParams.get("access_token");
    let status = 101;
    if (url.pathname !== "/api/v1/streaming") status = 404;
    else if (refusal) status = refusal;
    else if (token !== options.accessToken) status = 401;
    else if (url.searchParams.get("stream") !== "user") status = 400;
    upgrades.push({ url: request.url ?? "/", headers: request.headers, status });
    if (status !== 101) {
      const body = JSON.stringify({ error: status === 401 ? "Invalid access token" : "Error" });
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.on("close", () => clients.delete(ws));
    });
  });
  const streamingUrl = await listen(streaming);

  const front = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method === "GET" && request.url === "/api/v2/instance") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          domain: "social.example",
          title: "Social Example",
          version: "4.3.0",
          configuration: { urls: { streaming: streamingUrl.replace(/^http:/, "ws:") } },
        }),
      );
      return;
    }
    // Everything else is the REST fake's (notifications, contexts, statuses).
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "accept", "content-type", "idempotency-key"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const body = Buffer.concat(chunks);
    const answer = await fetch(`${rest.url}${request.url}`, {
      method: request.method,
      headers,
      body: body.length > 0 ? body : undefined,
    });
    const passed: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!["content-length", "transfer-encoding", "connection", "keep-alive"].includes(name))
        passed[name] = value;
    });
    response.writeHead(answer.status, passed);
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  const url = await listen(front);

  /** Sends a frame to every connected client, as the streaming server does. */
  const send = (event: string, payload?: string) => {
    const frame = JSON.stringify(
      payload === undefined ? { stream: ["user"], event } : { stream: ["user"], event, payload },
    );
    for (const client of clients) client.send(frame);
  };

  return {
    url,
    streamingUrl,
    /** The REST calls (notifications, contexts, statuses), as the REST fake recorded them. */
    requests: rest.requests,
    notifications: rest.notifications,
    statuses: rest.statuses,
    created: rest.created,
    upgrades,
    healthChecks,
    clients,
    /** A mention, and its `notification` event pushed to the connected clients (unless `push: false`). */
    mention(
      account: MastodonAccount,
      fields: Parameters<typeof rest.mention>[1],
      options: { push?: boolean } = {},
    ): FakeStatus {
      const status = rest.mention(account, fields);
      const notification = rest.notifications.at(-1)!;
      if (options.push !== false) send("notification", JSON.stringify(notification));
      return status;
    },
    /** Pushes a notification the server already holds again (a server-side redelivery). */
    repush(statusId: string) {
      const notification = rest.notifications.find((n) => n.status?.id === statusId)!;
      send("notification", JSON.stringify(notification));
    },
    /**
     * The author edits a status: `status.update` is pushed, then the `update` notification;
     * with `notify: false` there is no notification, so only `status.update` tells Relais.
     */
    edit(statusId: string, html: string, options: { notify?: boolean } = {}) {
      rest.edit(statusId, html);
      send("status.update", JSON.stringify(rest.statuses.get(statusId)));
      const notification = rest.notifications.pop()!;
      if (options.notify === false) return;
      rest.notifications.push(notification);
      send("notification", JSON.stringify(notification));
    },
    /** The author deletes a status: it and its notifications are gone; `delete` is pushed. */
    remove(statusId: string) {
      rest.statuses.delete(statusId);
      for (let i = rest.notifications.length - 1; i >= 0; i -= 1) {
        if (rest.notifications[i]?.status?.id === statusId) rest.notifications.splice(i, 1);
      }
      send("delete", statusId);
    },
    /** Any event, e.g. one the client should ignore. */
    push: send,
    /** A raw frame, as is (malformed ones included). */
    pushRaw(frame: string) {
      for (const client of clients) client.send(frame);
    },
    /** Cuts every connection at once (a streaming server restart, a network cut). */
    disconnect() {
      for (const client of clients) client.terminate();
      clients.clear();
    },
    /** Upgrades are answered with this status until `refuse(null)`. */
    refuse(status: number | null) {
      refusal = status;
    },
    setHealth(status: number, body: string) {
      health = { status, body };
    },
    async close() {
      for (const client of clients) client.terminate();
      wss.close();
      await Promise.all([close(streaming), close(front), rest.close()]);
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
