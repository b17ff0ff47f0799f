import { downloadMedia, type FetchedMedia, type MediaFetchContext } from "../media.ts";
import { type OAuthCredentials, oauthHeader } from "./oauth.ts";

/**
 * A direct message's photo or video is kept by X behind the recipient's authorisation
 * (`https://ton.twitter.com/1.1/ton/data/dm/<dm id>/<media id>/<name>`): it is fetched with the
 * brand account's OAuth 1.0a signature, as X documents for DM media. A public post's media
 * (`pbs.twimg.com`, `video.twimg.com`) is public and lasting: it stays a link (null).
 */
export function isDirectMessageMedia(url: string): boolean {
  try {
    return new URL(url).pathname.includes("/ton/data/dm/");
  } catch {
    return false;
  }
}

export async function fetchXMedia(
  credentials: OAuthCredentials,
  url: string,
  context: MediaFetchContext,
): Promise<FetchedMedia | null> {
  if (!isDirectMessageMedia(url)) return null;
  return downloadMedia(url, {
    ...context,
    headers: { authorization: oauthHeader(credentials, "GET", url) },
  });
}
