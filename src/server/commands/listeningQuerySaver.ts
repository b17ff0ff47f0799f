import type { Kysely } from "kysely";
import type {
  TListeningQueryCreateRequest,
  TListeningQueryUpdateRequest,
} from "../../shared/listening.ts";
import type { Actor } from "../auth/actor.ts";
import type { SecretBox } from "../crypto/secrets.ts";
import { randomSecret } from "../crypto/tokens.ts";
import type { ListeningQuery } from "../db/schema/listening.ts";
import type { DB } from "../db/schema.ts";
import { checkListeningChannels } from "../models/listeningQueries.ts";
import { insertOwned, updateOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Creates a listening query. Its webhook secret is made here and returned once, sealed at rest;
 * the `listening_query.created` event starts its polling.
 */
export async function listeningQueryCreator(
  db: Kysely<DB>,
  secrets: SecretBox,
  props: { actor: Actor; query: TListeningQueryCreateRequest },
): Promise<{ row: ListeningQuery; webhookSecret: string }> {
  const { actor, query } = props;
  await checkListeningChannels(db, actor.accountId, query.channelIds);
  const webhookSecret = randomSecret();
  const row = await changeRecorder(db, {
    actor,
    action: "listening_query.create",
    subjectType: "listening_query",
    write: (trx) =>
      insertOwned(trx, "listening_queries", {
        account_id: actor.accountId,
        name: query.name,
        terms: query.terms,
        exclude_terms: query.excludeTerms,
        languages: query.languages,
        channel_ids: query.channelIds,
        poll_seconds: query.pollSeconds,
        spike: JSON.stringify(query.alerts.negativeSpike ?? null),
        webhook_url: query.webhookUrl,
        webhook_secret: secrets.seal(webhookSecret),
        emails: query.emails,
      }),
    data: () => ({ name: query.name, terms: query.terms }),
    event: (created) => ({
      name: "listening_query.created",
      payload: { queryId: created.id },
    }),
  });
  return { row, webhookSecret };
}

/** Changes a listening query; new terms or channels start from their own cursors. */
export async function listeningQueryUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; query: ListeningQuery; changes: TListeningQueryUpdateRequest },
): Promise<ListeningQuery> {
  const { actor, query, changes } = props;
  if (changes.channelIds) await checkListeningChannels(db, actor.accountId, changes.channelIds);
  return changeRecorder(db, {
    actor,
    action: "listening_query.update",
    subjectType: "listening_query",
    write: (trx) =>
      updateOwned(trx, "listening_queries", actor.accountId, query.id, {
        name: changes.name,
        terms: changes.terms,
        exclude_terms: changes.excludeTerms,
        languages: changes.languages,
        channel_ids: changes.channelIds,
        poll_seconds: changes.pollSeconds,
        spike:
          changes.alerts === undefined
            ? undefined
            : JSON.stringify(changes.alerts.negativeSpike ?? null),
        webhook_url: changes.webhookUrl,
        emails: changes.emails,
        updated_at: new Date(),
      }),
    data: () => ({ changes: Object.keys(changes) }),
    event: (changed) => ({
      name: "listening_query.updated",
      payload: { queryId: changed.id, changes: Object.keys(changes) },
    }),
  });
}
