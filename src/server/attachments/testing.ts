/** Test helpers: an agent's upload as the composer sends it (raw bytes, with their type). */

export interface UploadAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test helper reads JSON answers loosely
  body: any;
}

export async function uploadFile(
  baseUrl: string,
  token: string,
  file: { filename: string; contentType?: string; content: Buffer | Uint8Array },
): Promise<UploadAnswer> {
  const response = await fetch(
    `${baseUrl}/api/v1/attachments?filename=${encodeURIComponent(file.filename)}`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        ...(file.contentType ? { "content-type": file.contentType } : {}),
      },
      body: Uint8Array.from(file.content),
    },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Every byte value, in a scrambled order: a file no text transfer could carry unharmed. */
export function binaryFixture(size: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed;
  for (let index = 0; index < size; index += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    bytes[index] = index < 256 ? index : state >> 16;
  }
  return bytes;
}

/** The smallest valid PNG (1×1, transparent). */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
