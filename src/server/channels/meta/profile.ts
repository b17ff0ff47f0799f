import { z } from "zod";
import { type GraphCredentials, graphRequest } from "./graph.ts";
import { throttledUntil } from "./send.ts";

/** What a User Profile API answer tells about a customer; absent fields are unknown. */
export interface GraphProfile {
  displayName?: string | null;
  handle?: string | null;
  avatarUrl?: string | null;
}

/** Page-scoped and Instagram-scoped ids are numeric: anything else is not a Graph node to read. */
const GRAPH_USER_ID = /^\d{1,30}$/;

const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() || null);

/** Only an http(s) picture is kept: it ends up as an image source in the inbox. */
const pictureUrl = text.transform((value) => (value && /^https?:\/\//i.test(value) ? value : null));

/** Messenger Platform *User Profile API*: `GET /<PSID>?fields=first_name,last_name,profile_pic`. */
const ZMessengerProfile = z.object({
  first_name: text,
  last_name: text,
  profile_pic: pictureUrl,
});

/** Instagram Messaging *User Profile API*: `GET /<IGSID>?fields=name,username,profile_pic`. */
const ZInstagramProfile = z.object({ name: text, username: text, profile_pic: pictureUrl });

/**
 * One profile read with the channel's Page token. A permanent refusal (4xx: no consent, a user
 * without a profile such as 2018218, a deleted or blocked user, an id of another Page) gives
 * null and is not repeated; a 5xx, 429, rate-limit code or network failure throws, so that the
 * job asking retries. While Meta has blocked the channel (`metaThrottledUntil`), nothing is
 * called and the lookup is retried later too.
 */
async function readGraphUser(
  credentials: GraphCredentials,
  state: Record<string, unknown>,
  id: string,
  fields: readonly string[],
  timeoutMs: number,
): Promise<unknown> {
  if (!GRAPH_USER_ID.test(id)) return null;
  const blocked = throttledUntil(state);
  if (blocked && !blocked.ok) throw new Error(`Profile lookup postponed: ${blocked.reason}`);
  const result = await graphRequest<unknown>(
    credentials,
    { method: "GET", path: id, query: { fields: fields.join(",") } },
    timeoutMs,
  );
  if (result.ok) return result.data;
  if (result.failure.retryable) {
    throw new Error(`Profile lookup failed, to be retried: ${result.failure.reason}`);
  }
  return null;
}

function profileOrNull(profile: GraphProfile): GraphProfile | null {
  return profile.displayName || profile.handle || profile.avatarUrl ? profile : null;
}

/** A Messenger customer's name and picture from their PSID (the picture's URL expires). */
export async function messengerProfile(
  credentials: GraphCredentials,
  state: Record<string, unknown>,
  psid: string,
  timeoutMs: number,
): Promise<GraphProfile | null> {
  const data = await readGraphUser(
    credentials,
    state,
    psid,
    ["first_name", "last_name", "profile_pic"],
    timeoutMs,
  );
  // Without permission Meta may answer an empty object rather than an error.
  const parsed = ZMessengerProfile.safeParse(data);
  if (!parsed.success) return null;
  const { first_name, last_name, profile_pic } = parsed.data;
  return profileOrNull({
    displayName: [first_name, last_name].filter(Boolean).join(" ") || null,
    avatarUrl: profile_pic,
  });
}

/** An Instagram customer's name, username and picture from their IGSID. */
export async function instagramProfile(
  credentials: GraphCredentials,
  state: Record<string, unknown>,
  igsid: string,
  timeoutMs: number,
): Promise<GraphProfile | null> {
  const data = await readGraphUser(
    credentials,
    state,
    igsid,
    ["name", "username", "profile_pic"],
    timeoutMs,
  );
  const parsed = ZInstagramProfile.safeParse(data);
  if (!parsed.success) return null;
  const { name, username, profile_pic } = parsed.data;
  return profileOrNull({ displayName: name, handle: username, avatarUrl: profile_pic });
}
