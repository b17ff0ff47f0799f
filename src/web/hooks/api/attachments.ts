import { ApiError, apiData, withQuery } from "../../lib/api.ts";

/** An agent's file, stored and ready to go with a reply (`attachmentIds`). */
export interface Upload {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/**
 * Sends one file as the raw body of POST /api/v1/attachments. XMLHttpRequest rather than
 * fetch: only it reports upload progress. Errors are ApiErrors, as for every other call.
 */
export function uploadAttachment(
  file: File,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", withQuery("/api/v1/attachments", { filename: file.name || "file" }));
    xhr.setRequestHeader("accept", "application/json");
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let json: { data?: Upload; error?: { id?: string; message?: string } } | null = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && json?.data) return resolve(json.data);
      reject(
        new ApiError(
          xhr.status,
          json?.error?.id ?? "http_error",
          json?.error?.message ?? `HTTP ${xhr.status}`,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The server cannot be reached."));
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Removes an upload the agent took out of the composer (never sent). */
export function discardAttachment(id: string): Promise<{ deleted: boolean }> {
  return apiData("DELETE", `/api/v1/attachments/${id}`);
}
