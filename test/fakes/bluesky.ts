import { randomBytes } from "node:crypto";
import { startFakeServer } from "../support/fakeServer.ts";

/**
 * A Bluesky PDS on loopback, answering the XRPC methods Relais uses as their lexicons document
 * them: sessions (`createSession`, `refreshSession`, `ExpiredToken`), notifications, profiles,
 * `createRecord`, and the chat service behind `atproto-proxy: did:web:api.bsky.chat#bsky_chat`.
 * Errors are XRPC bodies: `{"error": "InvalidRequest", "message": "…"}`.
 */
export interface BlueskyActor {
  did: string;
  handle: string;
  displayName: string;
  avatar: string;
  followersCount: number;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Ref {
  uri: string;
  cid: string;
}

/** Distinct, increasing times: two posts made in the same millisecond still have an order. */
let lastTime = 0;
function tick(): Date {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime);
}

const CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat";

function tid(): string {
  const alphabet = "234567abcdefghijklmnopqrstuvwxyz";
  return Array.from(randomBytes(13), (byte) => alphabet[byte % 32]).join("");
}

function cid(): string {
  return `bafyrei${randomBytes(20).toString("hex").slice(0, 52)}`;
}

export function xrpcError(status: number, error: string, message: string, headers = {}) {
  return { status, headers, body: { error, message } };
}

export async function startBlueskyFake(options: { brand: BlueskyActor; appPassword: string }) {
  const { brand } = options;
  const sessions = { access: new Set<string>(), refresh: new Set<string>(), created: 0 };
  const notifications: Array<Record<string, unknown>> = [];
  const actors = new Map<string, BlueskyActor>([[brand.did, brand]]);
  const records: Array<{ uri: string; cid: string; record: Record<string, unknown> }> = [];
  const chat: Array<{ convoId: string; id: string; text: string; to: string }> = [];
  const logs: Array<Record<string, unknown>> = [];
  const failures: Array<{ nsid: string; answer: FakeAnswer }> = [];
  let rev = 0;

  const issue = () => {
    const access = `access-${randomBytes(8).toString("hex")}`;
    const refresh = `refresh-${randomBytes(8).toString("hex")}`;
    sessions.access.add(access);
    sessions.refresh.add(refresh);
    return {
      did: brand.did,
      handle: brand.handle,
      accessJwt: access,
      refreshJwt: refresh,
      active: true,
    };
  };

  const fake = await startFakeServer((request) => {
    const url = new URL(request.url, "http://pds.test");
    const nsid = url.pathname.replace(/^\/xrpc\//, "");
    const bearer = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (nsid === "com.atproto.server.createSession") {
      const { identifier, password } = request.json ?? {};
      if (identifier !== brand.handle || password !== options.appPassword) {
        return xrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
      }
      sessions.created += 1;
      return { status: 200, body: issue() };
    }
    if (nsid === "com.atproto.server.refreshSession") {
      if (!sessions.refresh.delete(bearer))
        return xrpcError(400, "ExpiredToken", "Token has been revoked");
      return { status: 200, body: issue() };
    }
    if (!sessions.access.has(bearer)) return xrpcError(400, "ExpiredToken", "Token has expired");
    const isChat = nsid.startsWith("chat.bsky.");
    if (isChat && request.headers["atproto-proxy"] !== CHAT_PROXY) {
      return xrpcError(400, "InvalidRequest", "chat methods need the atproto-proxy header");
    }
    const failure = failures.findIndex((entry) => entry.nsid === nsid);
    if (failure >= 0) return failures.splice(failure, 1)[0]!.answer;

    switch (nsid) {
      case "app.bsky.notification.listNotifications": {
        const limit = Number(url.searchParams.get("limit") ?? 50);
        const offset = Number(url.searchParams.get("cursor") ?? 0);
        const page = [...notifications].reverse().slice(offset, offset + limit);
        const more = offset + limit < notifications.length;
        return {
          status: 200,
          body: { notifications: page, ...(more ? { cursor: String(offset + limit) } : {}) },
        };
      }
      case "app.bsky.actor.getProfiles": {
        const profiles = url.searchParams.getAll("actors").flatMap((did) => {
          const actor = actors.get(did);
          return actor ? [{ ...actor, followsCount: 3, postsCount: 42 }] : [];
        });
        return { status: 200, body: { profiles } };
      }
      case "com.atproto.repo.createRecord": {
        const body = request.json ?? {};
        if (body.repo !== brand.did || body.collection !== "app.bsky.feed.post") {
          return xrpcError(400, "InvalidRequest", "Invalid repo or collection");
        }
        const created = { uri: `at://${brand.did}/app.bsky.feed.post/${tid()}`, cid: cid() };
        records.push({ ...created, record: body.record });
        return {
          status: 200,
          body: { ...created, commit: { cid: cid(), rev: tid() }, validationStatus: "valid" },
        };
      }
      case "chat.bsky.convo.getConvoForMembers": {
        const members = url.searchParams.getAll("members");
        return {
          status: 200,
          body: {
            convo: {
              id: `convo-${members.join("-")}`,
              rev: tid(),
              members: [brand, ...members.flatMap((did) => actors.get(did) ?? [])],
              muted: false,
              unreadCount: 0,
            },
          },
        };
      }
      case "chat.bsky.convo.sendMessage": {
        const { convoId, message } = request.json ?? {};
        const id = tid();
        chat.push({ convoId, id, text: message?.text, to: String(convoId).replace(/^convo-/, "") });
        return {
          status: 200,
          body: {
            id,
            rev: tid(),
            text: message?.text,
            sender: { did: brand.did },
            sentAt: new Date().toISOString(),
          },
        };
      }
      case "chat.bsky.convo.getLog": {
        const cursor = url.searchParams.get("cursor");
        const after = logs.filter((entry) => !cursor || String(entry.rev) > cursor);
        return {
          status: 200,
          body: { logs: after, cursor: after.at(-1)?.rev ?? cursor ?? undefined },
        };
      }
      default:
        return xrpcError(501, "MethodNotImplemented", `Method Not Implemented: ${nsid}`);
    }
  });

  const notify = (
    author: BlueskyActor,
    reason: string,
    ref: Ref,
    record: Record<string, unknown>,
  ) => {
    actors.set(author.did, author);
    notifications.push({
      uri: ref.uri,
      cid: ref.cid,
      author: {
        did: author.did,
        handle: author.handle,
        displayName: author.displayName,
        avatar: author.avatar,
      },
      reason,
      record,
      isRead: false,
      indexedAt: tick().toISOString(),
      labels: [],
    });
  };

  return {
    url: fake.url,
    requests: fake.requests,
    close: fake.close,
    records,
    chat,
    sessions,
    /** A post by someone else that mentions or replies to the brand, with its notification. */
    post(
      author: BlueskyActor,
      fields: { text: string; parent?: Ref; root?: Ref; reason?: string; images?: string[] },
    ): Ref {
      const ref = { uri: `at://${author.did}/app.bsky.feed.post/${tid()}`, cid: cid() };
      const record: Record<string, unknown> = {
        $type: "app.bsky.feed.post",
        text: fields.text,
        createdAt: tick().toISOString(),
        langs: ["fr"],
      };
      if (fields.parent)
        record.reply = { root: fields.root ?? fields.parent, parent: fields.parent };
      if (fields.images) {
        record.embed = {
          $type: "app.bsky.embed.images",
          images: fields.images.map((link) => ({
            alt: "",
            image: { $type: "blob", ref: { $link: link }, mimeType: "image/jpeg", size: 123_456 },
          })),
        };
      }
      notify(author, fields.reason ?? (fields.parent ? "reply" : "mention"), ref, record);
      return ref;
    },
    /** A like: a notification Relais leaves aside. */
    like(author: BlueskyActor, subject: Ref) {
      notify(
        author,
        "like",
        { uri: `at://${author.did}/app.bsky.feed.like/${tid()}`, cid: cid() },
        {
          $type: "app.bsky.feed.like",
          subject,
          createdAt: new Date().toISOString(),
        },
      );
    },
    /** A direct message to the brand, as the chat log reports it. */
    dm(author: BlueskyActor, text: string): string {
      actors.set(author.did, author);
      rev += 1;
      const id = tid();
      logs.push({
        $type: "chat.bsky.convo.defs#logCreateMessage",
        rev: String(rev).padStart(10, "0"),
        convoId: `convo-${author.did}`,
        message: {
          $type: "chat.bsky.convo.defs#messageView",
          id,
          rev: String(rev).padStart(10, "0"),
          text,
          sender: { did: author.did },
          sentAt: tick().toISOString(),
        },
      });
      return id;
    },
    deleteDm(author: BlueskyActor, id: string) {
      rev += 1;
      logs.push({
        $type: "chat.bsky.convo.defs#logDeleteMessage",
        rev: String(rev).padStart(10, "0"),
        convoId: `convo-${author.did}`,
        message: {
          $type: "chat.bsky.convo.defs#deletedMessageView",
          id,
          rev: String(rev).padStart(10, "0"),
          sender: { did: author.did },
          sentAt: new Date().toISOString(),
        },
      });
    },
    /** Every access token issued so far stops working, as after two hours. */
    expireAccessTokens() {
      sessions.access.clear();
    },
    failNext(nsid: string, answer: FakeAnswer) {
      failures.push({ nsid, answer });
    },
  };
}

/** Bluesky's answer when a rate limit is hit: 429 with the IETF draft headers. */
export function blueskyRateLimited(resetInSeconds = 1): FakeAnswer {
  return xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", {
    "ratelimit-limit": "5000",
    "ratelimit-remaining": "0",
    "ratelimit-reset": String(Math.ceil(Date.now() / 1000) + resetInSeconds),
    "ratelimit-policy": "5000;w=3600",
  });
}

export function actor(handle: string, fields: Partial<BlueskyActor> = {}): BlueskyActor {
  return {
    did: `did:plc:${randomBytes(12).toString("hex")}`,
    handle,
    displayName: fields.displayName ?? handle.split(".")[0] ?? handle,
    avatar: `https://cdn.bsky.app/img/avatar/plain/${handle}.jpg`,
    followersCount: 240,
    ...fields,
  };
}
