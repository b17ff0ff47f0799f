import { randomUUID } from "node:crypto";
import type { Category, ChannelKind } from "../../../../shared/enums.ts";
import {
  agentAnswer,
  agentNote,
  customerFollowUp,
  customerOpening,
  type Language,
  type Opening,
} from "./corpus.ts";
import {
  type ContactRow,
  contactDetails,
  contactRow,
  ensureIdentity,
  type IdentityRow,
  identityKindOf,
  newContact,
  type ScaleContact,
} from "./people.ts";
import { Random } from "./random.ts";
import { dailyCounts, dayStart, momentsOfDay } from "./timeline.ts";

export type TeamKey = "delivery" | "tech" | "billing" | "care";

/** What the generated conversations are spread over: the account's channels, teams and agents. */
export interface ScaleSetting {
  channels: ReadonlyArray<{ id: string; kind: ChannelKind }>;
  teams: Record<TeamKey, string>;
  agents: ReadonlyArray<{ id: string; name: string; team: TeamKey }>;
  openings: Record<Language, Opening[]>;
  firstNumber: number;
  end: Date;
}

export interface ConversationRow {
  id: string;
  number: number;
  contact_id: string;
  channel_id: string;
  subject: string | null;
  status: "open" | "pending" | "snoozed" | "resolved";
  priority: "low" | "normal" | "high" | "urgent";
  assignee_id: string | null;
  team_id: string | null;
  language: Language;
  category: Category;
  category_confidence: number;
  sentiment: "negative" | "neutral" | "positive";
  sentiment_score: number;
  urgency_score: number;
  visibility: "public" | "private";
  labels: string[];
  author_followers: number | null;
  waiting_since: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  snoozed_until: string | null;
  last_message_at: string;
  last_inbound_at: string;
  created_at: string;
  updated_at: string;
  triaged_at: string;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  channel_id: string;
  direction: "in" | "out" | "note";
  author_user_id: string | null;
  author_contact_id: string | null;
  identity_id: string | null;
  text: string;
  visibility: "public" | "private";
  external_id: string | null;
  delivery_status: "delivered" | "read" | null;
  sent_at: string | null;
  created_at: string;
}

export interface ScaleBatch {
  contacts: ContactRow[];
  identities: IdentityRow[];
  conversations: ConversationRow[];
  messages: MessageRow[];
}

const CHANNEL_WEIGHTS: ReadonlyArray<readonly [ChannelKind, number]> = [
  ["email", 28],
  ["chat", 20],
  ["whatsapp", 12],
  ["x", 9],
  ["facebook", 8],
  ["instagram", 7],
  ["phone", 6],
  ["api", 5],
  ["mastodon", 3],
  ["bluesky", 2],
];
const PUBLIC_KINDS: ReadonlySet<ChannelKind> = new Set([
  "x",
  "facebook",
  "instagram",
  "mastodon",
  "bluesky",
]);
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [Category, number]> = [
  ["delivery.late", 22],
  ["delivery.missing", 8],
  ["delivery.damaged", 8],
  ["product.malfunction", 14],
  ["product.usage", 10],
  ["compatibility", 7],
  ["billing", 9],
  ["account", 6],
  ["suggestion", 4],
  ["marketing_idea", 1],
  ["praise", 5],
  ["other", 6],
];
const TEAM_OF: Record<Category, TeamKey> = {
  "delivery.late": "delivery",
  "delivery.missing": "delivery",
  "delivery.damaged": "delivery",
  "product.malfunction": "tech",
  "product.usage": "tech",
  compatibility: "tech",
  billing: "billing",
  account: "billing",
  suggestion: "care",
  marketing_idea: "care",
  praise: "care",
  other: "care",
};
const LABELS: ReadonlyArray<readonly [string, number]> = [
  ["vip", 3],
  ["remboursement", 4],
  ["retour", 4],
  ["bug", 3],
  ["influenceur", 1],
  ["presse", 0.5],
  ["b2b", 2],
];
const HOUR = 3_600_000;

/** Every conversation of a `demo --scale` run, generated day by day in time order from the seed. */
export class ScalePlan {
  private readonly random: Random;
  private readonly counts: number[];
  private readonly contacts: ScaleContact[] = [];
  private readonly byCategory: Record<Language, Map<Category, Opening[]>>;
  private readonly channelOf = new Map<ChannelKind, string>();
  private day = 0;
  private pending: number[] = [];
  private number: number;
  /** Customers who may come back: those of the batches before the previous one (committed). */
  private returnable = 0;
  private previousStart = 0;

  constructor(
    private readonly setting: ScaleSetting,
    total: number,
    seed: number,
  ) {
    this.random = new Random(seed);
    this.counts = dailyCounts(total, setting.end);
    this.number = setting.firstNumber;
    for (const channel of setting.channels) {
      if (!this.channelOf.has(channel.kind)) this.channelOf.set(channel.kind, channel.id);
    }
    this.byCategory = { fr: new Map(), en: new Map() };
    for (const language of ["fr", "en"] as const) {
      for (const opening of setting.openings[language]) {
        const list = this.byCategory[language].get(opening.category) ?? [];
        list.push(opening);
        this.byCategory[language].set(opening.category, list);
      }
    }
  }

  /** The next `size` conversations (fewer at the end; none once all are given). */
  next(size: number): ScaleBatch {
    const batch: ScaleBatch = { contacts: [], identities: [], conversations: [], messages: [] };
    // A batch may be written while the previous one still is: its conversations may only name
    // customers that the one before that created (a foreign key sees committed rows only).
    this.returnable = this.previousStart;
    this.previousStart = this.contacts.length;
    while (batch.conversations.length < size) {
      if (this.pending.length === 0) {
        if (this.day >= this.counts.length) break;
        const start = dayStart(this.setting.end, this.day);
        this.pending = momentsOfDay(
          this.random,
          start,
          this.counts[this.day] ?? 0,
          this.setting.end,
        );
        this.day++;
        continue;
      }
      this.conversation(this.pending.shift() as number, batch);
    }
    return batch;
  }

  private customer(language: Language, at: string, batch: ScaleBatch): ScaleContact {
    const random = this.random;
    const known = this.returnable;
    if (known > 10 && random.chance(0.3)) {
      // Returning customers: mostly recent ones, a few loyal regulars from the start.
      const index = random.chance(0.15)
        ? random.int(Math.max(1, Math.floor(known / 100)))
        : known - 1 - Math.min(known - 1, Math.floor(random.exponential(known / 5)));
      return this.contacts[index] as ScaleContact;
    }
    const contact = newContact(random, this.contacts.length + 1, language);
    this.contacts.push(contact);
    if (random.chance(0.5)) ensureIdentity(random, contact, "email", at, batch.identities);
    if (random.chance(0.2)) ensureIdentity(random, contact, "phone", at, batch.identities);
    batch.contacts.push({ ...contactRow(random, contact, at), ...contactDetails(contact) });
    return contact;
  }

  private conversation(moment: number, batch: ScaleBatch): void {
    const random = this.random;
    const setting = this.setting;
    const created = new Date(moment).toISOString();
    const kind = random.weighted(CHANNEL_WEIGHTS);
    const contact = this.customer(random.chance(0.6) ? "fr" : "en", created, batch);
    const language = contact.language;
    const identityId = ensureIdentity(
      random,
      contact,
      identityKindOf(kind),
      created,
      batch.identities,
    );
    const category = random.weighted(CATEGORY_WEIGHTS);
    const opening = random.pick(
      this.byCategory[language].get(category) ?? this.setting.openings[language],
    );
    const ageDays = (setting.end.getTime() - moment) / (24 * HOUR);
    const status = random.weighted<ConversationRow["status"]>(
      ageDays < 2
        ? [
            ["open", 45],
            ["pending", 20],
            ["snoozed", 5],
            ["resolved", 30],
          ]
        : ageDays < 14
          ? [
              ["open", 10],
              ["pending", 8],
              ["snoozed", 2],
              ["resolved", 80],
            ]
          : [
              ["open", 1],
              ["pending", 1],
              ["snoozed", 0.3],
              ["resolved", 97.7],
            ],
    );
    const teamKey = TEAM_OF[opening.category];
    const hasTeam = random.chance(0.92);
    const assigned = random.chance(status === "open" ? 0.65 : status === "resolved" ? 0.92 : 0.9);
    const teamAgents = setting.agents.filter((agent) => agent.team === teamKey);
    const pool = hasTeam && teamAgents.length > 0 ? teamAgents : setting.agents;
    // Some agents take more than others: weights fall with the position in the team.
    const assignee = assigned
      ? random.weighted(pool.map((agent, i) => [agent, 1 / (1 + i * 0.3)] as const))
      : null;
    const responder = assignee ?? random.pick(pool);
    const visibility = PUBLIC_KINDS.has(kind) && random.chance(0.45) ? "public" : "private";
    const channelId = this.channelOf.get(kind) as string;
    const id = randomUUID();
    const number = this.number++;

    const count = random.chance(0.02)
      ? 15 + Math.floor(random.exponential(20))
      : 1 + Math.floor(random.exponential(3.9));
    const directions: MessageRow["direction"][] = ["in"];
    for (let i = 1; i < Math.min(count, 200); i++) {
      const previous = directions[i - 1];
      directions.push(previous === "in" ? (random.chance(0.06) ? "note" : "out") : "in");
    }
    const wantsLast = status === "open" ? "in" : "out";
    if (directions.length > 1 && directions[directions.length - 1] !== wantsLast) {
      directions[directions.length - 1] = wantsLast;
    }
    let time = moment;
    const limit = setting.end.getTime() - 1_000;
    let firstResponse: string | null = null;
    let lastInbound = created;
    let waitingSince: string | null = null;
    let lastAt = created;
    directions.forEach((direction, i) => {
      if (i > 0)
        time +=
          (direction === "in" ? random.exponential(4 * HOUR) : random.exponential(1.5 * HOUR)) +
          30_000;
      time = Math.min(time, limit - (directions.length - i) * 1_000);
      time = Math.max(time, moment + i * 1_000);
      const at = new Date(time).toISOString();
      lastAt = at;
      const text =
        direction === "in"
          ? i === 0
            ? customerOpening(random, opening, language)
            : customerFollowUp(random, language)
          : direction === "out"
            ? agentAnswer(random, language, contact.firstName, responder.name)
            : agentNote(random, language);
      if (direction === "out" && !firstResponse) firstResponse = at;
      if (direction === "in") {
        lastInbound = at;
        if (waitingSince === null) waitingSince = at;
      } else if (direction === "out") waitingSince = null;
      batch.messages.push({
        id: randomUUID(),
        conversation_id: id,
        channel_id: channelId,
        direction,
        author_user_id: direction === "in" ? null : responder.id,
        author_contact_id: direction === "in" ? contact.id : null,
        identity_id: direction === "in" ? identityId : null,
        text,
        visibility: direction === "note" ? "private" : visibility,
        external_id: direction === "in" ? `scale-${number}-${i}` : null,
        delivery_status: direction === "out" ? (random.chance(0.5) ? "read" : "delivered") : null,
        sent_at: direction === "out" ? at : null,
        created_at: at,
      });
    });
    const resolvedAt =
      status === "resolved"
        ? new Date(Math.min(Date.parse(lastAt) + random.exponential(HOUR), limit)).toISOString()
        : null;
    const sentiment = opening.sentiment;
    const negative = sentiment === "negative";
    const labels: string[] = [];
    if (random.chance(0.4)) labels.push(random.weighted(LABELS));
    if (random.chance(0.1)) {
      const second = random.weighted(LABELS);
      if (!labels.includes(second)) labels.push(second);
    }
    batch.conversations.push({
      id,
      number,
      contact_id: contact.id,
      channel_id: channelId,
      subject: kind === "email" ? opening.text.split(/[.!?\n]/)[0]?.slice(0, 80) || null : null,
      status,
      priority: random.chance(0.02)
        ? "urgent"
        : random.chance(negative && (visibility === "public" || kind === "phone") ? 0.4 : 0.08)
          ? "high"
          : random.chance(0.1)
            ? "low"
            : "normal",
      assignee_id: assignee?.id ?? null,
      team_id: hasTeam ? setting.teams[teamKey] : null,
      language,
      category: opening.category,
      category_confidence: Math.round((0.55 + random.next() * 0.44) * 100) / 100,
      sentiment,
      sentiment_score:
        Math.round(
          (negative
            ? -0.3 - random.next() * 0.6
            : sentiment === "positive"
              ? 0.3 + random.next() * 0.6
              : random.next() * 0.4 - 0.2) * 100,
        ) / 100,
      urgency_score:
        Math.round((negative ? 0.4 + random.next() * 0.5 : random.next() * 0.4) * 100) / 100,
      visibility,
      labels,
      author_followers: visibility === "public" ? Math.round(random.exponential(800)) : null,
      waiting_since: status === "open" ? (waitingSince ?? lastInbound) : null,
      first_response_at: firstResponse,
      resolved_at: resolvedAt,
      snoozed_until:
        status === "snoozed"
          ? new Date(limit + (1 + random.int(7)) * 24 * HOUR).toISOString()
          : null,
      last_message_at: lastAt,
      last_inbound_at: lastInbound,
      created_at: created,
      updated_at: resolvedAt ?? lastAt,
      triaged_at: new Date(moment + 2_000).toISOString(),
    });
  }
}
