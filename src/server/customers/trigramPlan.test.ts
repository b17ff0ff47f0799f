import { CompiledQuery, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createAccount } from "../../../test/support/factories.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import type { Contact } from "../db/schema.ts";
import { similarNamesQuery } from "../models/contactDuplicates.ts";

/** Contacts in the account at scale: enough that reading them all costs more than the index. */
const CONTACTS = 20_000;

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function indexesOf(node: PlanNode): string[] {
  return [
    ...(node["Index Name"] ? [node["Index Name"]] : []),
    ...(node.Plans ?? []).flatMap(indexesOf),
  ];
}

/**
 * The similar-name search of the duplicate suggestions is served by the `(account_id, trigram)`
 * GIN index once an account holds many contacts: the planner's own choice (after ANALYZE), on
 * PGlite and on PostgreSQL — no planner setting is forced. On a test-sized table it rightly
 * prefers the account's b-tree; here the account holds CONTACTS rows, generated in SQL.
 */
describe("similar names at scale", { timeout: 180_000 }, () => {
  const relais = useTestRelais();

  it("uses the trigram index contacts_name_trgm and finds the similar name", async () => {
    const { db } = relais().services;
    const { account } = await createAccount(relais().services);
    await sql`
      insert into contacts (account_id, name)
      select ${account.id}::uuid, 'Client ' || substr(md5(i::text), 1, 12)
      from generate_series(1, ${CONTACTS}) as i`.execute(db);
    const twin = await db
      .insertInto("contacts")
      .values({ account_id: account.id, name: "Renée Dupont" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const contact = await db
      .insertInto("contacts")
      .values({ account_id: account.id, name: "Renee Dupond" })
      .returningAll()
      .executeTakeFirstOrThrow();
    await sql`analyze contacts`.execute(db);

    const query = similarNamesQuery(db, contact as Contact);
    const { rows: explained } = await db.executeQuery<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
    );
    const plan = explained[0]?.["QUERY PLAN"][0]?.Plan;
    if (!plan) throw new Error("no plan");
    expect(indexesOf(plan)).toContain("contacts_name_trgm");

    const { rows } = await db.executeQuery<{ contact_id: string }>(query);
    expect(rows.map((row) => row.contact_id)).toEqual([twin.id]);
    const count = await db
      .selectFrom("contacts")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("account_id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(CONTACTS + 2);
  });
});
