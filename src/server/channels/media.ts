import { PrivateAddressRefused, publicHttpGet } from "./outboundGuard.ts";

/**
 * Files that inbound messages name but do not carry (a WhatsApp media id, a Messenger
 * attachment URL, an X DM's photo): downloaded by a job once the message is stored.
 */

/** What a provider's `fetchMedia` brings back. */
export interface FetchedMedia {
  content: Buffer;
  /** What the provider says it is; the stored type is checked against the bytes. */
  contentType?: string | null;
}

/** A file that will never be had (gone, refused, too large): not worth another attempt. */
export class MediaUnavailable extends Error {
  constructor(
    message: string,
    readonly reason: "too_large" | "unavailable",
  ) {
    super(message);
  }
}

export interface MediaFetchContext {
  timeoutMs: number;
  /** The largest file kept; a larger one is refused without being read whole. */
  maxBytes: number;
  /**
   * Whether the file's host may be a private, loopback or link-local address
   * (RELAIS_OUTBOUND_ALLOW_PRIVATE); otherwise each hop is resolved as it connects and refused.
   */
  allowPrivateAddresses: boolean;
}

/**
 * One GET of a file, read up to `maxBytes`: 404, 403 and other refusals are `MediaUnavailable`;
 * 429, 5xx and network failures throw plainly, to be tried again. A host refused as private is
 * `MediaUnavailable` too: it stays refused.
 */
export async function downloadMedia(
  url: string,
  context: MediaFetchContext & { headers?: Record<string, string> },
): Promise<FetchedMedia> {
  const response = await get(url, context);
  if (!response.ok) {
    await response.body?.cancel();
    const message = `the provider answered ${response.status} for the file`;
    if (response.status === 429 || response.status === 408 || response.status >= 500) {
      throw new Error(message);
    }
    throw new MediaUnavailable(message, "unavailable");
  }
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > context.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(declared, context.maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.length;
    if (size > context.maxBytes) {
      await reader?.cancel();
      throw tooLarge(size, context.maxBytes);
    }
    chunks.push(Buffer.from(read.value));
  }
  return {
    content: Buffer.concat(chunks),
    contentType: response.headers.get("content-type")?.split(";")[0]?.trim() || null,
  };
}

function tooLarge(size: number, maxBytes: number): MediaUnavailable {
  return new MediaUnavailable(
    `the file is larger than ${maxBytes} bytes (at least ${size})`,
    "too_large",
  );
}

async function get(
  url: string,
  context: MediaFetchContext & { headers?: Record<string, string> },
): Promise<Response> {
  if (context.allowPrivateAddresses) {
    return fetch(url, {
      headers: context.headers,
      signal: AbortSignal.timeout(context.timeoutMs),
      redirect: "follow",
    });
  }
  try {
    return await publicHttpGet(url, { headers: context.headers }, context.timeoutMs);
  } catch (error) {
    if (error instanceof PrivateAddressRefused) {
      throw new MediaUnavailable(error.message, "unavailable");
    }
    throw error;
  }
}
