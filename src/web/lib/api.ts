/** The API client: same-origin fetch with the session cookie, `{"data": …}` envelopes. */

export class ApiError extends Error {
  readonly status: number;
  readonly id: string;

  constructor(status: number, id: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.id = id;
  }
}

export interface Envelope<T> {
  data: T;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

let unauthorizedHandler: (() => void) | null = null;

/** Called when a signed-in request answers 401: the session has expired or was revoked. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** A 401 here is an expected answer (sign-in, session check), not an expiry. */
  expect401?: boolean;
}

export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(hasBody ? { "content-type": "application/json" } : {}),
      },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "The server cannot be reached.");
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json as { error?: { id?: string; message?: string } } | null)?.error;
    if (response.status === 401 && !options.expect401) unauthorizedHandler?.();
    throw new ApiError(
      response.status,
      error?.id ?? "http_error",
      error?.message ?? `HTTP ${response.status}`,
    );
  }
  return json as T;
}

/** The `data` of an answer. */
export async function apiData<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const envelope = await request<Envelope<T>>(method, path, options);
  return envelope.data;
}

/** Builds `path?key=value` from the defined, non-empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
