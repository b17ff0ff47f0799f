import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  json: any;
  /** Date.now() when the request arrived. */
  receivedAt: number;
}

export type FakeHandler = (
  request: RecordedRequest,
  index: number,
) =>
  | { status?: number; headers?: Record<string, string>; body?: unknown }
  | Promise<{ status?: number; headers?: Record<string, string>; body?: unknown }>;

/**
 * A provider's HTTP endpoint on loopback: records every request and answers with what the
 * test scripts (the provider's documented responses).
 */
export async function startFakeServer(
  handler: FakeHandler = () => ({ status: 200, body: { ok: true } }),
) {
  const requests: RecordedRequest[] = [];
  let current = handler;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    let json: unknown = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {}
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      receivedAt: Date.now(),
      body,
      json,
    };
    requests.push(recorded);
    const answer = await current(recorded, requests.length - 1);
    const binary = Buffer.isBuffer(answer.body);
    const payload =
      answer.body === undefined
        ? ""
        : typeof answer.body === "string" || Buffer.isBuffer(answer.body)
          ? answer.body
          : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, {
      "content-type": binary
        ? "application/octet-stream"
        : typeof answer.body === "string"
          ? "text/plain"
          : "application/json",
      ...answer.headers,
    });
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith(next: FakeHandler) {
      current = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
