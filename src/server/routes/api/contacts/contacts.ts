import { sql } from "kysely";
import { z } from "zod";
import { ZContactListItem } from "../../../../shared/contacts.ts";
import { ZContact } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import { notFound } from "../../../errors.ts";
import { recordEvent } from "../../../events/outbox.ts";
import { findContact, findContactConversations, findIdentities } from "../../../models/contacts.ts";
import { authorize } from "../../../policies/index.ts";
import { presentContact } from "../../../presenters/contact.ts";
import { presentConversation } from "../../../presenters/conversation.ts";
import { iso } from "../../../presenters/dates.ts";
import type { Services } from "../../../services.ts";
import { decodeCursor, encodeCursor } from "../../cursor.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZContactDetail, ZContactListQuery, ZContactUpdateRequest } from "./schema.ts";

const tags = ["Contacts"];

async function loadContact(services: Services, actor: Actor, id: string) {
  const contact = await findContact(services.db, actor.accountId, id);
  if (!contact) throw notFound("Contact");
  authorize(actor, "contact.read", contact);
  return presentContact(contact, await findIdentities(services.db, actor.accountId, [id]));
}

export const contactRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/contacts",
    summary: "List or search contacts (name, email, phone, handles)",
    tags,
    auth: "user",
    query: ZContactListQuery,
    response: z.array(ZContactListItem),
    responseExtra: { nextCursor: z.string().optional() },
    async handle({ services, actor, query }) {
      authorize(actor, "contact.read");
      let builder = services.db
        .selectFrom("contacts as c")
        .selectAll("c")
        .select((eb) => [
          eb
            .selectFrom("conversations as cv")
            .whereRef("cv.account_id", "=", "c.account_id")
            .whereRef("cv.contact_id", "=", "c.id")
            .select(sql<number>`count(*)::int`.as("n"))
            .as("conversation_count"),
          eb
            .selectFrom("conversations as cv")
            .whereRef("cv.account_id", "=", "c.account_id")
            .whereRef("cv.contact_id", "=", "c.id")
            .select(sql<Date | null>`max(cv.last_message_at)`.as("at"))
            .as("last_activity_at"),
        ])
        .where("c.account_id", "=", actor.accountId)
        .where("c.merged_into_id", "is", null);
      if (query.q) {
        const like = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
        builder = builder.where((eb) =>
          eb.or([
            sql<boolean>`c.search @@ relais_search_query(${query.q})`,
            eb.exists(
              eb
                .selectFrom("identities as i")
                .select(sql`1`.as("one"))
                .whereRef("i.account_id", "=", "c.account_id")
                .whereRef("i.contact_id", "=", "c.id")
                .where((inner) =>
                  inner.or([inner("i.value", "ilike", like), inner("i.handle", "ilike", like)]),
                ),
            ),
          ]),
        );
      }
      if (query.cursor) {
        const [createdAt, id] = decodeCursor(query.cursor, z.tuple([z.string(), z.string()]));
        builder = builder.where(
          sql<boolean>`(c.created_at, c.id) < (${new Date(createdAt)}, ${id}::uuid)`,
        );
      }
      const rows = await builder
        .orderBy("c.created_at", "desc")
        .orderBy("c.id", "desc")
        .limit(query.limit + 1)
        .execute();
      const visible = rows.slice(0, query.limit);
      const identities = await findIdentities(
        services.db,
        actor.accountId,
        visible.map((row) => row.id),
      );
      const last = visible.at(-1);
      return {
        data: visible.map(({ conversation_count, last_activity_at, ...row }) => ({
          ...presentContact(
            row,
            identities.filter((identity) => identity.contact_id === row.id),
          ),
          conversationCount: Number(conversation_count ?? 0),
          lastActivityAt: last_activity_at ? iso(last_activity_at) : null,
        })),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor([last.created_at.toISOString(), last.id])
            : undefined,
      };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/contacts/:id",
    summary: "A contact with identities on every channel and all their conversations",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZContactDetail,
    async handle({ services, actor, params }) {
      const contact = await loadContact(services, actor, params.id);
      const conversations = await findContactConversations(
        services.db,
        actor.accountId,
        actor.userId,
        params.id,
      );
      return { data: { ...contact, conversations: conversations.map(presentConversation) } };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/contacts/:id",
    summary: "Correct a contact's name, notes, language or time zone",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZContactUpdateRequest,
    response: ZContact,
    async handle({ services, actor, params, body }) {
      await loadContact(services, actor, params.id);
      authorize(actor, "contact.update", { account_id: actor.accountId });
      await services.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("contacts")
          .set({
            name: body.name,
            notes: body.notes,
            locale: body.locale,
            time_zone: body.timeZone,
            updated_at: new Date(),
          })
          .where("account_id", "=", actor.accountId)
          .where("id", "=", params.id)
          .execute();
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "contact.updated",
          payload: { contactId: params.id, changes: Object.keys(body) },
          actorUserId: actor.userId,
        });
      });
      return { data: await loadContact(services, actor, params.id) };
    },
  }),
];
