import { type Kysely, sql } from "kysely";
import { IDEA_CATEGORIES, type IdeaStatus, type TUnsortedIdea } from "../../shared/ideas.ts";
import type { DB } from "../db/schema.ts";
import { iso } from "../presenters/dates.ts";
import { excerpt } from "../presenters/idea.ts";

const LIMIT = 50;

interface UnsortedRow {
  id: string;
  number: number;
  subject: string | null;
  category: string;
  language: string | null;
  contact_id: string;
  contact_name: string | null;
  created_at: Date;
  text: string | null;
  idea_id: string | null;
  idea_title: string | null;
  idea_status: IdeaStatus | null;
  shared: number | null;
}

/**
 * The suggestions and marketing ideas customers gave (by their triage category) that no idea
 * holds yet, newest first, each with the existing idea it most resembles. Resemblance is
 * PostgreSQL full-text search, as message search does it: the subject and the customer's
 * messages, accent-folded, stemmed in French and in English (a word that is a stop word in
 * either language is left out, so "the" or "les" match nothing), against each idea's title and
 * description; the idea sharing the most words wins, ties broken by rank. No shared word: no
 * proposal (a new idea).
 */
export async function listUnsortedIdeas(
  db: Kysely<DB>,
  accountId: string,
): Promise<TUnsortedIdea[]> {
  const { rows } = await sql<UnsortedRow>`
    with unsorted as (
      select c.id, c.number, c.subject, c.category, c.language, c.contact_id, c.created_at,
             ct.name as contact_name,
             (select string_agg(m.text, ' ' order by m.created_at) from messages m
               where m.account_id = c.account_id and m.conversation_id = c.id
                 and m.direction = 'in' and m.deleted_at is null) as text
      from conversations c
      join contacts ct on ct.account_id = c.account_id and ct.id = c.contact_id
      where c.account_id = ${accountId}
        and c.category in (${sql.join(IDEA_CATEGORIES)})
        and c.merged_into_id is null
        and not exists (select 1 from idea_links l
                         where l.account_id = c.account_id and l.conversation_id = c.id)
      order by c.created_at desc
      limit ${LIMIT}
    )
    select u.*, best.id as idea_id, best.title as idea_title, best.status as idea_status,
           best.shared
    from unsorted u
    left join lateral (
      select array(
        select distinct lexeme from unnest(tsvector_to_array(relais_search_vector((
          select string_agg(w, ' ') from regexp_split_to_table(
            lower(relais_unaccent(coalesce(u.subject, '') || ' ' || coalesce(u.text, ''))),
            '[^a-z0-9]+') as w
          where length(w) > 2
            and to_tsvector('pg_catalog.french'::regconfig, w) <> ''::tsvector
            and to_tsvector('pg_catalog.english'::regconfig, w) <> ''::tsvector
        )))) as lexeme
      ) as lexemes
    ) words on true
    left join lateral (
      select i.id, i.title, i.status,
             cardinality(array(select unnest(tsvector_to_array(i.search))
                               intersect select unnest(words.lexemes))) as shared,
             ts_rank(i.search, to_tsquery('simple', array_to_string(words.lexemes, ' | '))) as rank
      from ideas i
      where i.account_id = ${accountId}
        and cardinality(words.lexemes) > 0
        and i.search @@ to_tsquery('simple', array_to_string(words.lexemes, ' | '))
      order by shared desc, rank desc, i.created_at
      limit 1
    ) best on true
    order by u.created_at desc`.execute(db);
  return rows.map((row) => ({
    conversation: {
      id: row.id,
      number: row.number,
      subject: row.subject,
      category: row.category,
      language: row.language,
      contact: { id: row.contact_id, name: row.contact_name },
      excerpt: excerpt(row.text),
      createdAt: iso(row.created_at),
    },
    suggestion:
      row.idea_id && row.idea_title && row.idea_status
        ? {
            idea: { id: row.idea_id, title: row.idea_title, status: row.idea_status },
            sharedWords: Number(row.shared ?? 0),
          }
        : null,
  }));
}
