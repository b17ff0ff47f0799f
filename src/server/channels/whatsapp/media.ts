import { z } from "zod";
import {
  downloadMedia,
  type FetchedMedia,
  type MediaFetchContext,
  MediaUnavailable,
} from "../media.ts";
import { type GraphCredentials, graphRequest } from "../meta/graph.ts";

/** `GET /{media-id}`: a download URL valid for 5 minutes, and what the file is. */
const ZMediaNode = z.object({
  url: z.string().url(),
  mime_type: z.string().nullish(),
  file_size: z.union([z.number(), z.string()]).nullish(),
});

/**
 * A WhatsApp media file by the node URL stored at arrival (`…/{version}/{media-id}`): Graph
 * answers the node with a short-lived URL, which is fetched with the same token.
 */
export async function fetchWhatsAppMedia(
  credentials: GraphCredentials,
  nodeUrl: string,
  context: MediaFetchContext,
): Promise<FetchedMedia> {
  const mediaId = new URL(nodeUrl).pathname.split("/").pop();
  if (!mediaId) throw new MediaUnavailable("no media id in the stored link", "unavailable");
  const node = await graphRequest<unknown>(
    credentials,
    { method: "GET", path: encodeURIComponent(mediaId) },
    context.timeoutMs,
  );
  if (!node.ok) {
    if (node.failure.retryable) throw new Error(node.failure.reason);
    throw new MediaUnavailable(node.failure.reason, "unavailable");
  }
  const parsed = ZMediaNode.safeParse(node.data);
  if (!parsed.success) throw new MediaUnavailable("WhatsApp gave no download URL", "unavailable");
  if (Number(parsed.data.file_size ?? 0) > context.maxBytes) {
    throw new MediaUnavailable(`the file is larger than ${context.maxBytes} bytes`, "too_large");
  }
  const file = await downloadMedia(parsed.data.url, {
    ...context,
    headers: { authorization: `Bearer ${credentials.accessToken}` },
  });
  return { content: file.content, contentType: parsed.data.mime_type ?? file.contentType };
}
