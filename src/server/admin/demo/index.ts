import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { accountCreator, findAccountBySlug } from "../../commands/accountCreator.ts";
import { userCreator } from "../../commands/userCreator.ts";
import type { DB } from "../../db/schema.ts";
import { publicUrl } from "../../env.ts";
import { conflict } from "../../errors.ts";
import { accountIds, recordDemoRecords } from "../../models/demoRecords.ts";
import type { Services } from "../../services.ts";
import type { Progress } from "../operations.ts";
import { apiDemo } from "./api.ts";
import { chatPhoneDemo } from "./chat-phone.ts";
import type { DemoContext, DemoSection } from "./context.ts";
import { emailDemo } from "./email.ts";
import { rulesDemo } from "./rules.ts";
import { socialMetaDemo } from "./social-meta.ts";
import { socialOpenDemo } from "./social-open.ts";

/**
 * A demo user's password: random, never published. `relais demo` prints the admin's once; the
 * demo agents' are never shown, so nobody signs in as them until an admin sets a password.
 */
function demoPassword(): string {
  return randomBytes(12).toString("base64url");
}

/** Every part of the demo, listed explicitly (one per channel). */
const sections: readonly DemoSection[] = [
  apiDemo,
  rulesDemo,
  emailDemo,
  socialMetaDemo,
  socialOpenDemo,
  chatPhoneDemo,
];

/** `relais demo`: a new account, its admin, and everything `fillDemo` adds. */
export async function loadDemo(services: Services, props: { slug: string; progress: Progress }) {
  if (await findAccountBySlug(services.db, props.slug)) {
    throw conflict(
      "account_exists",
      `The account "${props.slug}" already exists; choose another with --account.`,
    );
  }
  const account = await accountCreator(services.db, {
    slug: props.slug,
    name: "Maison Lumière (démo)",
    locale: "fr",
  });
  const password = demoPassword();
  const admin = await userCreator(services.db, {
    accountId: account.id,
    email: `admin@${props.slug}.relais.test`,
    name: "Alex Martin",
    role: "admin",
    password,
    locale: "fr",
  });
  const filled = await fillDemo(services, {
    accountId: account.id,
    adminId: admin.id,
    progress: props.progress,
  });
  return {
    account: account.slug,
    url: publicUrl(services.env),
    conversations: filled.conversations,
    signIn: { email: admin.email, password },
    agents: filled.agents,
  };
}

/**
 * Fills an account that was just created for the demo (from the first-visit screen): one that
 * already holds a conversation, a channel or another user is a real account, and demo data — and
 * demo users — never go into it (409).
 */
export async function fillNewAccount(
  services: Services,
  props: { accountId: string; adminId: string; progress: Progress },
): Promise<{ conversations: number; agents: string[] }> {
  const held = await services.db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb.selectFrom("conversations").select("id").where("account_id", "=", props.accountId),
        )
        .as("conversations"),
      eb
        .exists(eb.selectFrom("channels").select("id").where("account_id", "=", props.accountId))
        .as("channels"),
      eb
        .exists(
          eb
            .selectFrom("users")
            .select("id")
            .where("account_id", "=", props.accountId)
            .where("id", "<>", props.adminId),
        )
        .as("users"),
    ])
    .executeTakeFirstOrThrow();
  if (held.conversations || held.channels || held.users) {
    throw conflict(
      "account_not_empty",
      "Demo data goes only into a new, empty account: this one already has conversations, channels or other users. Run `npx relais demo` to create a separate demo account.",
    );
  }
  return fillDemo(services, props);
}

/**
 * Fills an account with demo agents, teams, channels and realistic conversations in French and
 * English, through the same commands real traffic uses (contacts, identities, events, triage).
 */
export async function fillDemo(
  services: Services,
  props: { accountId: string; adminId: string; progress: Progress },
): Promise<{ conversations: number; agents: string[] }> {
  const account = await services.db
    .selectFrom("accounts")
    .select("slug")
    .where("id", "=", props.accountId)
    .executeTakeFirstOrThrow();
  const admin = await services.db
    .selectFrom("users")
    .select(["id", "email"])
    .where("account_id", "=", props.accountId)
    .where("id", "=", props.adminId)
    .executeTakeFirstOrThrow();
  const before = await accountIds(services.db, props.accountId);
  const domain = `${account.slug}.relais.test`;
  const camille = await agent(
    services,
    props.accountId,
    `camille@${domain}`,
    "Camille Roux",
    "agent",
    "fr",
    null,
  );
  const sam = await agent(
    services,
    props.accountId,
    `sam@${domain}`,
    "Sam Taylor",
    "supervisor",
    "en",
    "America/Los_Angeles",
  );
  const people = { admin, camille, sam };
  const context: DemoContext = {
    accountId: props.accountId,
    people,
    teams: {
      delivery: await team(
        services.db,
        props.accountId,
        "Livraisons",
        {
          categories: ["delivery.late", "delivery.missing", "delivery.damaged"],
          languages: ["fr", "en"],
        },
        [admin.id, camille.id],
      ),
      tech: await team(
        services.db,
        props.accountId,
        "Support technique",
        {
          categories: ["product.malfunction", "product.usage", "compatibility"],
        },
        [camille.id, sam.id],
      ),
    },
    ago: (minutes) => new Date(Date.now() - minutes * 60_000),
  };
  let conversations = 0;
  for (const [index, section] of sections.entries()) {
    conversations += await section.run(services, context);
    props.progress(index + 1, sections.length, section.name);
  }
  // Exactly what the demo added, so that "Delete demo data" removes that and nothing else.
  await recordDemoRecords(services.db, props.accountId, before);
  return { conversations, agents: [camille.email, sam.email] };
}

async function agent(
  services: Services,
  accountId: string,
  email: string,
  name: string,
  role: "agent" | "supervisor",
  locale: "fr" | "en",
  timeZone: string | null,
) {
  const existing = await services.db
    .selectFrom("users")
    .select(["id", "email"])
    .where("account_id", "=", accountId)
    .where("email", "=", email)
    .executeTakeFirst();
  if (existing) return existing;
  const user = await userCreator(services.db, {
    accountId,
    email,
    name,
    role,
    password: demoPassword(),
    locale,
    timeZone,
  });
  return { id: user.id, email: user.email };
}

async function team(
  db: Kysely<DB>,
  accountId: string,
  name: string,
  skills: Record<string, string[]>,
  memberIds: string[],
): Promise<string> {
  const existing = await db
    .selectFrom("teams")
    .select("id")
    .where("account_id", "=", accountId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (existing) return existing.id;
  const created = await db
    .insertInto("teams")
    .values({ account_id: accountId, name, skills: JSON.stringify(skills) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("team_members")
    .values(
      memberIds.map((userId) => ({ account_id: accountId, team_id: created.id, user_id: userId })),
    )
    .execute();
  return created.id;
}
