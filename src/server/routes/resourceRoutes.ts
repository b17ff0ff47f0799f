import type { Kysely } from "kysely";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { type OwnedDeleterProps, ownedDeleter } from "../commands/ownedDeleter.ts";
import type { Conversation, DB } from "../db/schema.ts";
import type { OwnedRow, OwnedTable } from "../models/owned.ts";
import { type Action, authorize } from "../policies/index.ts";
import { loadAuthorized, loadConversation } from "./authorized.ts";
import { defineRoute, ZDeleted, ZIdParams } from "./route.ts";

/*
 * The route shapes several resources share, declared once: a list of the account's rows, a
 * list under one conversation, and the delete of a settings row with its event and audit. Each
 * is an ordinary `defineRoute` — validate, load, authorize, model or command, present.
 */

interface Described {
  url: string;
  summary: string;
  tags: string[];
}

/** GET a list of the account's rows, once the actor may `action`. */
export function defineListRoute<Q, Row>(
  spec: Described & {
    action: Action;
    query?: z.ZodType<Q>;
    item: z.ZodType;
    list(db: Kysely<DB>, actor: Actor, query: Q): Promise<Row[]>;
    present(row: Row): unknown;
  },
) {
  return defineRoute<undefined, Q, undefined>({
    method: "GET",
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    auth: "user",
    query: spec.query,
    response: z.array(spec.item),
    async handle({ services, actor, query }) {
      authorize(actor, spec.action);
      const rows = await spec.list(services.db, actor, query);
      return { data: rows.map((row) => spec.present(row)) };
    },
  });
}

/** GET a list under one conversation (`:id`), once the actor may read the conversation. */
export function defineConversationListRoute<Row>(
  spec: Described & {
    item: z.ZodType;
    list(db: Kysely<DB>, conversation: Conversation): Promise<Row[]>;
    present(row: Row): unknown;
  },
) {
  return defineRoute({
    method: "GET",
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    auth: "user",
    params: ZIdParams,
    response: z.array(spec.item),
    async handle({ services, actor, params }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.read",
        params.id,
      );
      const rows = await spec.list(services.db, conversation);
      return { data: rows.map((row) => spec.present(row)) };
    },
  });
}

/**
 * DELETE a settings row (`:id`) of the account, once the actor may `action` on it: by default
 * through ownedDeleter (the delete, its event and audit entry in one transaction); `remove`
 * replaces it when a resource checks more first.
 */
export function defineDeleteRoute<T extends OwnedTable>(
  spec: Described &
    Pick<OwnedDeleterProps<T>, "table" | "subjectType" | "data" | "event"> & {
      action: Action;
      remove?(db: Kysely<DB>, actor: Actor, row: OwnedRow<T>): Promise<unknown>;
    },
) {
  return defineRoute({
    method: "DELETE",
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    auth: "user",
    params: ZIdParams,
    response: ZDeleted,
    async handle({ services, actor, params }) {
      const row = await loadAuthorized(services.db, actor, spec.action, spec.table, params.id);
      if (spec.remove) await spec.remove(services.db, actor, row);
      else await ownedDeleter(services.db, { ...spec, actor, row });
      return { data: { deleted: true } };
    },
  });
}
