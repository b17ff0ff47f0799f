import type { Kysely } from "kysely";
import type { Locale } from "../../shared/enums.ts";
import type { TStoryCreateRequest } from "../../shared/stories.ts";
import type { Actor } from "../auth/actor.ts";
import type { Story } from "../db/schema/stories.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { insertOwned } from "../models/owned.ts";
import { loadStoryMaterial, type StoryMaterial } from "../models/stories.ts";
import { type AnonymiseInput, anonymise } from "../stories/anonymise.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Keeps a conversation as a story, a draft: an anonymised copy of its messages (anonymise.ts),
 * told in the conversation's language, with a title and summary anonymised the same way (an
 * agent's "Marie's lost parcel" names no one once published). Audited, with its event.
 */
export async function storyCreator(
  db: Kysely<DB>,
  props: { actor: Actor; conversation: Conversation; story: TStoryCreateRequest },
): Promise<Story> {
  const { actor, conversation, story } = props;
  const material = await loadStoryMaterial(db, conversation);
  const locale = storyLocale(conversation.language, material.accountLocale);
  const anonymised = anonymise(storyInput(material, locale, [story.title, story.summary]));
  const [title = story.title, summary = story.summary] = anonymised.extras;
  return changeRecorder(db, {
    actor,
    action: "story.create",
    subjectType: "story",
    write: (trx) =>
      insertOwned(trx, "stories", {
        account_id: actor.accountId,
        conversation_id: conversation.id,
        title: title.slice(0, 200),
        summary: summary.slice(0, 2000),
        locale,
        text: anonymised.text,
        created_by_user_id: actor.userId,
      }),
    data: () => ({ conversationId: conversation.id }),
    event: (row) => ({
      name: "story.created",
      payload: { storyId: row.id, conversationId: conversation.id },
    }),
  });
}

function storyLocale(language: string | null, accountLocale: string): Locale {
  if (language === "fr" || language === "en") return language;
  return accountLocale === "en" ? "en" : "fr";
}

function storyInput(material: StoryMaterial, locale: Locale, extras: string[]): AnonymiseInput {
  return {
    locale,
    people: [
      ...material.contacts.map((contact) => ({
        kind: "customer" as const,
        key: contact.id,
        names: [contact.name ?? "", ...contact.displayNames],
      })),
      ...material.users.map((user) => ({
        kind: "agent" as const,
        key: user.id,
        names: [user.name],
      })),
    ],
    handles: material.contacts.flatMap((contact) => contact.handles),
    orderNumbers: material.orderNumbers,
    messages: material.messages.map((message) => ({
      from:
        message.direction === "in"
          ? { kind: "customer", key: message.author_contact_id ?? material.contacts[0]?.id ?? "" }
          : message.author_user_id
            ? { kind: "agent", key: message.author_user_id }
            : { kind: "automatic" },
      text: message.text,
    })),
    extras,
  };
}
