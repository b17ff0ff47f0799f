import { signPayload } from "../../src/server/channels/api/signature.ts";

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small client for the API as an integration would use it (Bearer token). */
export function apiClient(baseUrl: string, token?: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
  return {
    get: <T = any>(path: string) => call<T>("GET", path),
    post: <T = any>(path: string, body?: unknown) => call<T>("POST", path, body ?? {}),
    patch: <T = any>(path: string, body: unknown) => call<T>("PATCH", path, body),
    put: <T = any>(path: string, body: unknown) => call<T>("PUT", path, body),
    delete: <T = any>(path: string) => call<T>("DELETE", path),
    call,
  };
}

/** Posts a message to the generic API channel's webhook, signed as the spine documents. */
export async function postSignedHook(
  baseUrl: string,
  channelId: string,
  secret: string,
  payload: unknown,
  options: { at?: Date; signature?: string } = {},
) {
  const body = JSON.stringify(payload);
  const response = await fetch(`${baseUrl}/hooks/${channelId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-relais-signature": options.signature ?? signPayload(secret, body, options.at),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}
