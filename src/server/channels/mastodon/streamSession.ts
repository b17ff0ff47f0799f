import { type Kysely, sql } from "kysely";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import type { Channel, DB } from "../../db/schema.ts";
import type { Logger } from "../../logger.ts";
import type { Services } from "../../services.ts";
import type { InboundItem } from "../provider.ts";
import {
  clientOf,
  type MastodonChannel,
  notificationItems,
  pollNotifications,
  ZMastodonState,
} from "./notifications.ts";
import { compareIds, editItem } from "./parse.ts";
import { MastodonStream, type StreamStatus, type StreamTiming } from "./stream.ts";
import type { StreamEvent } from "./streamEvents.ts";
import { holdLease } from "./streamLease.ts";

/** How the installation lets the session call the instance (timeout, private addresses). */
function httpOf(services: Services) {
  return {
    timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
    allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
  };
}

/** Catch-up rounds per (re)connection: 10 × 5 pages × 40 notifications. */
const MAX_CATCH_UP_ROUNDS = 10;

/**
 * One streamed channel: its WebSocket, and what each of its events becomes in Relais, through
 * the same path as the poller's items (inboundIngester: a status seen by the stream and by a
 * poll is stored once). The notifications cursor (`notificationsMinId`) moves forward only,
 * with every catch-up and every streamed mention or update, so a restart resumes after the
 * last notification stored.
 */
export class ChannelStreamSession {
  readonly channelId: string;
  readonly fingerprint: string;
  connected = false;
  readonly #services: Services;
  readonly #row: Channel;
  readonly #channel: MastodonChannel;
  readonly #holder: string;
  readonly #log: Logger;
  readonly #stream: MastodonStream;

  constructor(props: {
    services: Services;
    channel: MastodonChannel;
    fingerprint: string;
    holder: string;
    timing?: Partial<StreamTiming>;
  }) {
    this.#services = props.services;
    this.#channel = props.channel;
    this.#row = props.channel.row;
    this.#holder = props.holder;
    this.channelId = this.#row.id;
    this.fingerprint = props.fingerprint;
    this.#log = props.services.log.child({
      receiver: "mastodon-stream",
      accountId: this.#row.account_id,
      channelId: this.#row.id,
    });
    this.#stream = new MastodonStream({
      client: clientOf(props.channel, httpOf(props.services)),
      log: this.#log,
      timing: props.timing,
      hooks: {
        catchUp: () => this.#catchUp(),
        handle: (event) => this.#handle(event),
        status: (status) => this.#status(status),
      },
    });
  }

  get key(): { account_id: string; id: string } {
    return { account_id: this.#row.account_id, id: this.#row.id };
  }

  start(): void {
    this.#stream.start();
  }

  async stop(): Promise<void> {
    await this.#stream.stop();
    this.connected = false;
  }

  /** Polls from the saved cursor until nothing is left, storing and advancing as it goes. */
  async #catchUp(): Promise<void> {
    for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round += 1) {
      const row = await this.#services.db
        .selectFrom("channels")
        .selectAll()
        .where("account_id", "=", this.#row.account_id)
        .where("id", "=", this.#row.id)
        .executeTakeFirst();
      if (!row) return;
      const result = await pollNotifications(
        { ...this.#channel, row },
        { ...httpOf(this.#services), log: this.#log },
      );
      await this.#ingest(result.items, "caught up");
      const cursor = ZMastodonState.parse(result.state ?? {}).notificationsMinId;
      if (!cursor) return;
      await advanceCursor(this.#services.db, row, cursor);
    }
  }

  async #handle(event: StreamEvent): Promise<void> {
    if (event.kind === "notification") {
      const { notification } = event;
      const items = await notificationItems(this.#channel, notification, {
        client: clientOf(this.#channel, httpOf(this.#services)),
        roots: new Map(),
        log: this.#log,
      });
      await this.#ingest(items, "notification streamed");
      if (notification.type === "mention" || notification.type === "update") {
        await advanceCursor(this.#services.db, this.#row, notification.id);
      }
    } else if (event.kind === "edit") {
      await this.#ingest([editItem(event.status)], "edit streamed");
    } else if (event.kind === "delete") {
      await this.#ingest([{ type: "delete", externalId: event.statusId }], "deletion streamed");
    }
  }

  async #status(status: StreamStatus): Promise<void> {
    const connected = status === "connected";
    if (connected === this.connected) return;
    this.connected = connected;
    await holdLease(this.#services.db, this.#row, this.#holder, connected);
  }

  /**
   * Stores items in order. An edit already applied (the stream's `status.update` and the
   * `update` notification that may follow, or a catch-up re-reading it) is skipped: the
   * ingester would otherwise add the same version to the message's history twice.
   */
  async #ingest(items: InboundItem[], what: string): Promise<void> {
    const pending: InboundItem[] = [];
    const totals = { stored: 0, duplicates: 0, updates: 0 };
    const flush = async () => {
      if (pending.length === 0) return;
      const outcome = await inboundIngester(this.#services.db, this.#row, pending.splice(0));
      totals.stored += outcome.stored;
      totals.duplicates += outcome.duplicates;
      totals.updates += outcome.updates;
    };
    for (const item of items) {
      if (item.type === "edit") {
        await flush();
        if (!(await this.#isNewEdit(item))) continue;
      }
      pending.push(item);
    }
    await flush();
    if (totals.stored + totals.updates > 0) this.#log.info(totals, `Mastodon ${what}`);
  }

  async #isNewEdit(item: Extract<InboundItem, { type: "edit" }>): Promise<boolean> {
    const message = await this.#services.db
      .selectFrom("messages")
      .select(["text", "edited_at"])
      .where("account_id", "=", this.#row.account_id)
      .where("channel_id", "=", this.#row.id)
      .where("external_id", "=", item.externalId)
      .executeTakeFirst();
    if (!message || message.text === item.text) return false;
    return !(message.edited_at && item.at && message.edited_at.getTime() >= item.at.getTime());
  }
}

/** Saves `id` as the notifications cursor unless the saved one is already as far. */
async function advanceCursor(
  db: Kysely<DB>,
  channel: { account_id: string; id: string },
  id: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("channels")
      .select("state")
      .where("account_id", "=", channel.account_id)
      .where("id", "=", channel.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return;
    const current = ZMastodonState.parse(row.state ?? {}).notificationsMinId;
    if (current && compareIds(current, id) >= 0) return;
    await trx
      .updateTable("channels")
      .set({ state: sql`state || ${JSON.stringify({ notificationsMinId: id })}::jsonb` })
      .where("account_id", "=", channel.account_id)
      .where("id", "=", channel.id)
      .execute();
  });
}
