import { sql } from "kysely";
import { userCreator } from "../../../commands/userCreator.ts";
import type { Services } from "../../../services.ts";
import type { Progress } from "../../operations.ts";
import { loadDemo } from "../index.ts";
import { FIRST_NAMES, LAST_NAMES, loadOpenings } from "./corpus.ts";
import { ScalePlan, type ScaleSetting, type TeamKey } from "./plan.ts";
import { Random } from "./random.ts";
import { writeBatch } from "./writer.ts";

const BATCH = 2_000;
const TEAM_NAMES: Record<TeamKey, string> = {
  delivery: "Livraisons",
  tech: "Support technique",
  billing: "Facturation",
  care: "Service client",
};
const TEAM_SKILLS: Record<"billing" | "care", Record<string, string[]>> = {
  billing: { categories: ["billing", "account"] },
  care: { categories: ["suggestion", "marketing_idea", "praise", "other"] },
};

export interface ScaleDemoProps {
  slug: string;
  scale: number;
  seed: number;
  /** The end of the generated year (default: now); fixed by tests for identical timestamps. */
  until?: Date;
  progress: Progress;
}

/**
 * `relais demo --scale <n>`: the demo account (its channels of every kind, agents and teams), then
 * generated conversations up to `n` in all — customers who come back on several channels, agents'
 * answers, a year of daily and weekly rhythm — written in batches of multi-row inserts.
 */
export async function loadScaleDemo(services: Services, props: ScaleDemoProps) {
  const started = Date.now();
  const demo = await loadDemo(services, { slug: props.slug, progress: () => {} });
  const db = services.db;
  const account = await db
    .selectFrom("accounts")
    .select(["id", "slug"])
    .where("slug", "=", props.slug)
    .executeTakeFirstOrThrow();
  const setting = await prepare(services, account.id, account.slug, props);
  const plan = new ScalePlan(setting.value, setting.count, props.seed);
  let done = 0;
  let messages = 0;
  let contacts = 0;
  // On a PostgreSQL server the next batch is written while this one still is (the plan names
  // only customers of committed batches); the embedded database has one connection.
  const inFlight = services.env.DATABASE_URL ? 2 : 1;
  const writing: Promise<void>[] = [];
  props.progress(0, setting.count, "conversations");
  for (;;) {
    if (writing.length >= inFlight) await writing.shift();
    const batch = plan.next(BATCH);
    if (batch.conversations.length === 0) break;
    const written = writeBatch(db, account.id, batch).then(() => {
      done += batch.conversations.length;
      messages += batch.messages.length;
      contacts += batch.contacts.length;
      props.progress(done, setting.count, "conversations");
    });
    // Awaited in turn below; this only keeps a second failure from crashing the process.
    written.catch(() => {});
    writing.push(written);
  }
  await Promise.all(writing);
  if (services.env.DATABASE_URL) {
    // Statistics for the planner and the visibility map for index-only counts, at once.
    await sql`vacuum analyze contacts, identities, conversations, messages`.execute(db);
  }
  return {
    account: demo.account,
    url: demo.url,
    conversations: demo.conversations + done,
    generated: { conversations: done, messages, contacts },
    seconds: Math.round((Date.now() - started) / 100) / 10,
    signIn: demo.signIn,
    agents: demo.agents,
  };
}

/** The demo's channels, two more teams, agents in proportion to the volume, the number range. */
async function prepare(services: Services, accountId: string, slug: string, props: ScaleDemoProps) {
  const db = services.db;
  const existing = await db
    .selectFrom("conversations")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  const count = Math.max(0, props.scale - Number(existing.count));
  const channels = await db
    .selectFrom("channels")
    .select(["id", "kind"])
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const teams = {} as Record<TeamKey, string>;
  for (const key of Object.keys(TEAM_NAMES) as TeamKey[]) {
    const found = await db
      .selectFrom("teams")
      .select("id")
      .where("account_id", "=", accountId)
      .where("name", "=", TEAM_NAMES[key])
      .executeTakeFirst();
    teams[key] =
      found?.id ??
      (
        await db
          .insertInto("teams")
          .values({
            account_id: accountId,
            name: TEAM_NAMES[key],
            skills: JSON.stringify(TEAM_SKILLS[key as "billing" | "care"] ?? {}),
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
  }
  const random = new Random(props.seed ^ 0x5ca1e);
  const agentCount = Math.min(50, Math.max(4, Math.round(props.scale / 20_000)));
  const keys = Object.keys(TEAM_NAMES) as TeamKey[];
  const agents: Array<{ id: string; name: string; team: TeamKey }> = [];
  for (let i = 0; i < agentCount; i++) {
    const language = i % 3 === 2 ? "en" : "fr";
    const name = `${random.pick(FIRST_NAMES[language])} ${random.pick(LAST_NAMES[language])}`;
    const user = await userCreator(db, {
      accountId,
      email: `agent${i + 1}@${slug}.relais.test`,
      name,
      role: i % 8 === 7 ? "supervisor" : "agent",
      password: null,
      locale: language,
    });
    const team = keys[i % keys.length] as TeamKey;
    await db
      .insertInto("team_members")
      .values({ account_id: accountId, team_id: teams[team], user_id: user.id })
      .execute();
    agents.push({ id: user.id, name, team });
  }
  const reserved = await db
    .updateTable("accounts")
    .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", count) }))
    .where("id", "=", accountId)
    .returning("conversation_seq")
    .executeTakeFirstOrThrow();
  const value: ScaleSetting = {
    channels: channels as ScaleSetting["channels"],
    teams,
    agents,
    openings: loadOpenings(),
    firstNumber: reserved.conversation_seq - count + 1,
    end: props.until ?? new Date(),
  };
  return { value, count };
}
