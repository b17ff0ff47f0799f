import { startFakeServer } from "../support/fakeServer.ts";

/**
 * A Mastodon server on loopback, as its REST API documents it: bearer-token auth, the
 * notifications API (`types[]`, `min_id`, `since_id`, `max_id`, `limit`, newest first), status
 * contexts, `POST /api/v1/statuses` honouring `Idempotency-Key`, and `{"error": "…"}` refusals.
 */
export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  avatar: string;
  followers_count: number;
  url: string;
}

export interface FakeStatus {
  id: string;
  created_at: string;
  edited_at: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  visibility: "public" | "unlisted" | "private" | "direct";
  spoiler_text: string;
  content: string;
  url: string;
  uri: string;
  language: string | null;
  account: MastodonAccount;
  media_attachments: Array<{ id: string; type: string; url: string; description: string | null }>;
  mentions: Array<{ id: string; username: string; acct: string; url: string }>;
}

interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Distinct, increasing times: two posts made in the same millisecond still have an order. */
let lastTime = 0;
function tick(): Date {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime);
}

export async function startMastodonFake(options: { accessToken: string; brand: MastodonAccount }) {
  let next = 110_000_000_000_000_000n;
  const id = () => {
    next += 17n;
    return next.toString();
  };
  const statuses = new Map<string, FakeStatus>();
  const notifications: Array<{
    id: string;
    type: string;
    created_at: string;
    account: MastodonAccount;
    status?: FakeStatus;
  }> = [];
  const created: Array<{ status: FakeStatus; idempotencyKey: string | null }> = [];
  const byIdempotencyKey = new Map<string, FakeStatus>();
  const failures: FakeAnswer[] = [];
  let base = "";

  const makeStatus = (account: MastodonAccount, fields: Partial<FakeStatus>): FakeStatus => {
    const statusId = id();
    const status: FakeStatus = {
      id: statusId,
      created_at: tick().toISOString(),
      edited_at: null,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      visibility: "public",
      spoiler_text: "",
      content: "",
      url: `${base}/@${account.username}/${statusId}`,
      uri: `${base}/users/${account.username}/statuses/${statusId}`,
      language: "fr",
      account,
      media_attachments: [],
      mentions: [],
      ...fields,
    };
    statuses.set(statusId, status);
    return status;
  };

  const fake = await startFakeServer((request) => {
    const url = new URL(request.url, base);
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return { status: 401, body: { error: "The access token is invalid" } };
    }
    if (request.method === "GET" && url.pathname === "/api/v1/notifications") {
      const types = url.searchParams.getAll("types[]");
      const limit = Number(url.searchParams.get("limit") ?? 40);
      const minId = url.searchParams.get("min_id");
      const sinceId = url.searchParams.get("since_id");
      const maxId = url.searchParams.get("max_id");
      let list = notifications
        .filter((n) => types.length === 0 || types.includes(n.type))
        .filter((n) => !sinceId || BigInt(n.id) > BigInt(sinceId))
        .filter((n) => !minId || BigInt(n.id) > BigInt(minId))
        .filter((n) => !maxId || BigInt(n.id) < BigInt(maxId))
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      // min_id pages forward (the oldest newer ones); otherwise the newest come first.
      list = minId ? list.slice(0, limit) : list.slice(-limit);
      return { status: 200, body: list.reverse() };
    }
    const context = /^\/api\/v1\/statuses\/(\d+)\/context$/.exec(url.pathname);
    if (request.method === "GET" && context) {
      const status = statuses.get(context[1]!);
      if (!status) return { status: 404, body: { error: "Record not found" } };
      const ancestors: FakeStatus[] = [];
      let parent = status.in_reply_to_id ? statuses.get(status.in_reply_to_id) : undefined;
      while (parent) {
        ancestors.unshift(parent);
        parent = parent.in_reply_to_id ? statuses.get(parent.in_reply_to_id) : undefined;
      }
      return { status: 200, body: { ancestors, descendants: [] } };
    }
    if (request.method === "POST" && url.pathname === "/api/v1/statuses") {
      const key = (request.headers["idempotency-key"] as string | undefined) ?? null;
      const replay = key ? byIdempotencyKey.get(key) : undefined;
      if (replay) return { status: 200, body: replay };
      const failure = failures.shift();
      if (failure) return failure;
      const text = String(request.json?.status ?? "");
      if (!text.trim())
        return { status: 422, body: { error: "Validation failed: Text can't be blank" } };
      const parent = request.json?.in_reply_to_id
        ? statuses.get(request.json.in_reply_to_id)
        : undefined;
      const status = makeStatus(options.brand, {
        content: `<p>${escapeHtml(text)}</p>`,
        visibility: request.json?.visibility ?? "public",
        in_reply_to_id: parent?.id ?? null,
        in_reply_to_account_id: parent?.account.id ?? null,
      });
      created.push({ status, idempotencyKey: key });
      if (key) byIdempotencyKey.set(key, status);
      return { status: 200, body: status };
    }
    return { status: 404, body: { error: "Record not found" } };
  });
  base = fake.url;

  return {
    url: fake.url,
    requests: fake.requests,
    close: fake.close,
    created,
    statuses,
    notifications,
    /** Someone mentions the brand: a status, and the `mention` notification it causes. */
    mention(
      account: MastodonAccount,
      fields: {
        html: string;
        visibility?: FakeStatus["visibility"];
        inReplyTo?: string;
        media?: string[];
      },
    ) {
      const parent = fields.inReplyTo ? statuses.get(fields.inReplyTo) : undefined;
      const status = makeStatus(account, {
        content: fields.html,
        visibility: fields.visibility ?? "public",
        in_reply_to_id: parent?.id ?? null,
        in_reply_to_account_id: parent?.account.id ?? null,
        mentions: [
          {
            id: options.brand.id,
            username: options.brand.username,
            acct: options.brand.acct,
            url: options.brand.url,
          },
        ],
        media_attachments: (fields.media ?? []).map((mediaUrl) => ({
          id: id(),
          type: "image",
          url: mediaUrl,
          description: null,
        })),
      });
      notifications.push({
        id: id(),
        type: "mention",
        created_at: status.created_at,
        account,
        status,
      });
      return status;
    },
    /** The author edits a status: its content changes and an `update` notification follows. */
    edit(statusId: string, html: string) {
      const status = statuses.get(statusId)!;
      status.content = html;
      status.edited_at = new Date().toISOString();
      notifications.push({
        id: id(),
        type: "update",
        created_at: status.edited_at,
        account: status.account,
        status,
      });
    },
    /** A follow: a notification of a type Relais does not ask for. */
    follow(account: MastodonAccount) {
      notifications.push({
        id: id(),
        type: "follow",
        created_at: new Date().toISOString(),
        account,
      });
    },
    /** The next status creation gets this answer instead. */
    failNext(answer: FakeAnswer) {
      failures.push(answer);
    },
  };
}

/** Mastodon's answer when the rate limit is hit; the reset is an ISO 8601 time. */
export function mastodonRateLimited(resetInSeconds = 1): FakeAnswer {
  return {
    status: 429,
    headers: {
      "x-ratelimit-limit": "300",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": new Date(Date.now() + resetInSeconds * 1000).toISOString(),
    },
    body: { error: "Too many requests" },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A remote account as the brand's server shows it (`acct` with the domain). */
export function remoteAccount(
  fields: Partial<MastodonAccount> & { username: string; domain: string },
) {
  return {
    id: fields.id ?? String(100_000 + Math.floor(Math.random() * 900_000)),
    username: fields.username,
    acct: `${fields.username}@${fields.domain}`,
    display_name: fields.display_name ?? fields.username,
    avatar: fields.avatar ?? `https://${fields.domain}/avatars/${fields.username}.png`,
    followers_count: fields.followers_count ?? 12,
    url: `https://${fields.domain}/@${fields.username}`,
  };
}
