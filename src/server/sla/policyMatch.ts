import type { Kysely } from "kysely";
import type { SlaMatch, SlaPolicy } from "../db/schema/slaPromises.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";

/** What a policy's match looks at on a conversation. */
export interface SlaSubject {
  channelKind: string | null;
  priority: string;
  category: string | null;
  teamId: string | null;
}

function matchesCategory(wanted: string[], category: string | null): boolean {
  if (!category) return false;
  // "delivery" or "delivery.*" covers "delivery.late"; otherwise the exact category.
  return wanted.some((w) => {
    const base = w.endsWith(".*") ? w.slice(0, -2) : w;
    return category === base || category.startsWith(`${base}.`);
  });
}

/** Whether a policy's match (every list given) covers the conversation. */
export function policyMatches(match: SlaMatch, subject: SlaSubject): boolean {
  if (match.channelKinds?.length && !match.channelKinds.includes(subject.channelKind ?? "")) {
    return false;
  }
  if (match.priorities?.length && !match.priorities.includes(subject.priority)) return false;
  if (match.categories?.length && !matchesCategory(match.categories, subject.category)) {
    return false;
  }
  if (match.teamIds?.length && !match.teamIds.includes(subject.teamId ?? "")) return false;
  return true;
}

/** The first policy, by position, whose match covers the conversation. */
export function firstMatchingPolicy(
  policies: readonly SlaPolicy[],
  subject: SlaSubject,
): SlaPolicy | null {
  return policies.find((policy) => policyMatches(policy.match, subject)) ?? null;
}

export async function slaSubjectOf(
  db: Kysely<DB>,
  conversation: Conversation,
): Promise<SlaSubject> {
  const channel = conversation.channel_id
    ? await db
        .selectFrom("channels")
        .select("kind")
        .where("account_id", "=", conversation.account_id)
        .where("id", "=", conversation.channel_id)
        .executeTakeFirst()
    : undefined;
  return {
    channelKind: channel?.kind ?? null,
    priority: conversation.priority,
    category: conversation.category,
    teamId: conversation.team_id,
  };
}

/** 404 when a policy names a team the account does not have. */
export async function checkSlaPolicyTeams(
  db: Kysely<DB>,
  accountId: string,
  teamIds: string[] | undefined,
): Promise<void> {
  const unique = [...new Set(teamIds ?? [])];
  if (unique.length === 0) return;
  const found = await db
    .selectFrom("teams")
    .select("id")
    .where("account_id", "=", accountId)
    .where("id", "in", unique)
    .execute();
  if (found.length !== unique.length) throw notFound("Team");
}
