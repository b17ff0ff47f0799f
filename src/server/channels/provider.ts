import type { z } from "zod";
import type { StoreChannelKind } from "../../shared/backoffice.ts";
import type { ChannelKind, IdentityKind, Visibility } from "../../shared/enums.ts";
import type { Channel, Conversation, Identity, Message } from "../db/schema.ts";
import type { FetchedMedia, MediaFetchContext } from "./media.ts";

/** What a provider sees of an inbound HTTP request: the raw body, untouched, for signatures. */
export interface InboundRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** An answer the provider chooses itself (challenge handshakes, provider-specific acks). */
export interface HookResponse {
  status: number;
  body?: unknown;
  contentType?: string;
}

export interface InboundIdentity {
  kind: IdentityKind;
  value: string;
  displayName?: string | null;
  handle?: string | null;
  avatarUrl?: string | null;
  followers?: number | null;
  /** Only verified claims may attach a message to an existing contact found by email or phone. */
  verified?: boolean;
}

export interface InboundContact {
  identity: InboundIdentity;
  /** A contact an agent chose for this message: a new identity joins them. */
  contactId?: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  timeZone?: string | null;
}

export interface InboundAttachment {
  filename: string;
  contentType: string;
  /** Stored in Relais when present; otherwise `url` points at the provider's copy. */
  content?: Buffer;
  url?: string;
  contentId?: string;
  inline?: boolean;
}

export interface InboundMessage {
  externalId: string;
  /** Groups messages into one conversation: a public thread's root, a DM conversation, an email thread. */
  threadId?: string | null;
  inReplyToExternalId?: string | null;
  /** External ids this message answers (email References): continue the conversation holding one. */
  references?: string[];
  /** A conversation of the account named by a token the provider has checked: continue it. */
  conversationNumber?: number;
  text: string;
  html?: string | null;
  subject?: string | null;
  visibility: Visibility;
  sentAt?: Date;
  contact: InboundContact;
  attachments?: InboundAttachment[];
  metadata?: Record<string, unknown>;
}

export type InboundItem =
  | { type: "message"; message: InboundMessage }
  | {
      type: "status";
      externalId: string;
      status: "sent" | "delivered" | "read" | "failed";
      error?: string | null;
      at?: Date;
    }
  | { type: "edit"; externalId: string; text: string; html?: string | null; at?: Date }
  | { type: "delete"; externalId: string; at?: Date }
  | InboundQuarantine;

/**
 * A message the provider received but could not attribute to anyone (an email with no readable
 * sender): kept whole in the quarantine, never dropped, until an admin assigns or discards it.
 */
export interface InboundQuarantine {
  type: "quarantine";
  /** The provider's id for it (the Message-ID): the same message is kept once. */
  externalId: string;
  reason: string;
  raw: Buffer;
  /** The sender as the message shows it, however unreadable. */
  from: string | null;
  subject: string | null;
  /** Its text, for an admin to read before deciding. */
  text: string;
  envelope?: Record<string, unknown>;
}

/** A channel row with its configuration and decrypted credentials, checked by the provider. */
export interface ResolvedChannel<Config, Secrets> {
  row: Channel;
  config: Config;
  secrets: Secrets;
}

export interface OutboundMessage {
  message: Message;
  conversation: Conversation;
  /** The customer's identity on this channel, when known. */
  recipient: Identity | null;
  /** Set when answering a specific inbound message (public replies, email threading). */
  inReplyTo: Message | null;
  /** Files the agent attached, in order (only ever for providers declaring `attachments`). */
  attachments?: OutboundAttachment[];
}

/** A file an agent attached to a reply, with its bytes. */
export interface OutboundAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

/** What a channel can carry of the files agents attach to replies. */
export interface AttachmentCapability {
  maxFiles: number;
  /** The most the files of one reply may weigh together. */
  maxTotalBytes: number;
}

export type SendResult =
  | {
      ok: true;
      externalId?: string | null;
      status?: "sent" | "delivered";
      metadata?: Record<string, unknown>;
    }
  | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number };

export interface SendContext {
  timeoutMs: number;
  /**
   * Whether URLs an admin typed (an API channel's callback) may reach private, loopback or
   * link-local addresses (RELAIS_OUTBOUND_ALLOW_PRIVATE); otherwise each send resolves the host
   * and refuses them.
   */
  allowPrivateAddresses: boolean;
  /** Where this channel's provider keeps what it learns while sending (cursors, tokens). */
  saveState(state: Record<string, unknown>): Promise<void>;
  /**
   * A signed, expiring public URL of one of the message's attachments, for providers that hand
   * the customer's side a link rather than the bytes (the API channel's webhook).
   */
  attachmentLink?(attachment: OutboundAttachment): { url: string; expiresAt: Date };
}

/** The private way to the author of a public post, as the provider names it. */
export type PrivateReach = "direct_message" | "private_reply";

export interface CliOption {
  /** As written on the command line, with its value: "--outbound-url <url>". */
  flag: string;
  description: string;
  into: "config" | "secrets";
  key: string;
  required?: boolean;
  type?: "string" | "number";
}

/**
 * One interface for every channel: verify an inbound request, parse it into normalised items,
 * send a message, and report delivery (as `status` items parsed from the provider's callbacks).
 */
export interface ChannelProvider<Config = unknown, Secrets = unknown> {
  kind: ChannelKind | StoreChannelKind;
  /** The kind of identity by which this channel's customers are addressed. */
  identityKind: IdentityKind;
  configSchema: z.ZodType<Config>;
  secretsSchema: z.ZodType<Secrets>;
  /**
   * Whether sending the same message twice is harmless (the provider deduplicates by our id).
   * When false, a send whose outcome is unknown after a crash is never repeated.
   */
  idempotentSend: boolean;
  /** Flags of `relais channel add <kind>`: each fills a key of the config or the secrets. */
  cliOptions?: readonly CliOption[];
  /**
   * Present when replies on this channel can carry files agents attach, with the limits the
   * provider accepts; absent, a reply with attachments is refused before anything is stored.
   */
  attachments?: AttachmentCapability;
  /**
   * How the author of a public conversation on this channel is reached privately: an X or
   * Mastodon direct message, a Bluesky chat, a Meta Private Reply. Absent when the channel has
   * no private way to a public author; then what must stay private (a phone number) is not sent
   * on such a conversation at all (see `privateVisibility`).
   */
  privateReach?: PrivateReach;
  /**
   * The network's length limit for a public reply, in characters (X 280, Mastodon 500, Bluesky
   * 300, Instagram comments 2,200, Facebook comments 8,000): the composer counts against it,
   * signature included, and a longer public reply is refused before it is stored.
   */
  publicReplyLimit?: number;
  /** Replies may set their own subject, To, Cc and Bcc (email). */
  emailHeaders?: boolean;
  /** Credentials Relais creates itself (a signing secret), shown once to the admin. */
  generateSecrets?(): Secrets;
  /**
   * The address by which Relais itself receives this channel's traffic with no account named
   * (an email channel's address, normalised): one channel in the installation may hold it.
   */
  inboundAddress?(config: Config): string | null;
  /** Handshakes that precede verification (challenges); null when the request is not one. */
  handshake?(
    channel: ResolvedChannel<Config, Secrets>,
    request: InboundRequest,
  ): HookResponse | null;
  /** Throws an AppError (401) unless the request really comes from the provider. */
  verify(channel: ResolvedChannel<Config, Secrets>, request: InboundRequest): void;
  /** Throws an AppError (400) when the payload is malformed. */
  parse(channel: ResolvedChannel<Config, Secrets>, request: InboundRequest): InboundItem[];
  /** The answer once the items are stored; 200 with `{"ok": true}` by default. */
  acknowledge?(items: InboundItem[]): HookResponse;
  send(
    channel: ResolvedChannel<Config, Secrets>,
    outbound: OutboundMessage,
    context: SendContext,
  ): Promise<SendResult>;
  /**
   * Checked before a reply is stored: a reply the provider would refuse (WhatsApp outside the
   * 24-hour window without a template) is refused at once with a reason for the agent.
   */
  checkReply?(channel: ResolvedChannel<Config, Secrets>, reply: ReplyCheck): string | null;
  /**
   * For providers that fetch rather than receive (IMAP, Mastodon, Bluesky, X mentions): the
   * seconds between two polls of this channel, or null when it should not be polled.
   */
  pollIntervalSeconds?(channel: ResolvedChannel<Config, Secrets>): number | null;
  /**
   * Fetches what is new since `channel.row.state`. The returned state (cursors, last ids) is
   * saved only after the items are stored, so a crash re-fetches rather than loses anything.
   */
  poll?(channel: ResolvedChannel<Config, Secrets>, context: PollContext): Promise<PollResult>;
  /**
   * Downloads a file an inbound message named by `url` without its bytes (a WhatsApp media
   * node, a Messenger or Instagram attachment URL, an X DM's media), with whatever credentials
   * the provider wants. Called by a job after the message is stored
   * (jobs/processors/inboundMedia.ts), never while a webhook waits. Throws `MediaUnavailable`
   * when the file will never be had; any other error is tried again. Null leaves the file at
   * its link (a public picture that does not expire).
   */
  fetchMedia?(
    channel: ResolvedChannel<Config, Secrets>,
    file: { url: string; contentType: string },
    context: MediaFetchContext,
  ): Promise<FetchedMedia | null>;
  /**
   * A profile lookup, for providers whose events carry only the customer's id (Messenger's
   * PSID, Instagram's IGSID): the name, handle and avatar the provider gives for `identity`
   * on this channel. Null when the provider will not tell (no consent, a deleted or blocked
   * user, no such person); throws when the lookup is worth another attempt (5xx, rate limit).
   * Null or absent fields are unknown, never erased. Called by a job after the identity is
   * stored (jobs/processors/identityProfiles.ts), never while a webhook waits.
   */
  describeIdentity?(
    channel: ResolvedChannel<Config, Secrets>,
    identity: { kind: IdentityKind; value: string },
    /** As in SendContext: whether the provider's admin-typed base URL may be a private address. */
    context: { timeoutMs: number; allowPrivateAddresses: boolean },
  ): Promise<{
    displayName?: string | null;
    handle?: string | null;
    avatarUrl?: string | null;
  } | null>;
}

export interface ReplyCheck {
  conversation: Conversation;
  visibility: Visibility;
  template: ReplyTemplate | null;
}

/** A provider-approved message template (WhatsApp) with its variables, in order. */
export interface ReplyTemplate {
  name: string;
  language: string;
  variables: string[];
}

export interface PollContext {
  timeoutMs: number;
  /** As in SendContext: whether the channel's admin-typed base URL may be a private address. */
  allowPrivateAddresses: boolean;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

export interface PollResult {
  items: InboundItem[];
  state?: Record<string, unknown>;
}

export function headerValue(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The visibility in which something that must never be posted in public (a phone number, the
 * time the customer will be called) may be sent on a conversation: private when the
 * conversation already is, or when the provider can reach a public post's author privately;
 * null when it cannot, and it must then not be sent.
 */
export function privateVisibility(
  provider: Pick<ChannelProvider<unknown, unknown>, "privateReach"> | null,
  conversation: Pick<Conversation, "visibility">,
): "private" | null {
  if (conversation.visibility === "private") return "private";
  return provider?.privateReach ? "private" : null;
}
