import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel, createUser } from "../../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../../test/support/relais.ts";
import type { Services } from "../../services.ts";

/**
 * Deleting a team, an agent or a channel that conversations, messages and callbacks point to
 * keeps those rows in their account with only the reference cleared. Before this migration the
 * composite keys `(account_id, x_id) on delete set null` nulled account_id too and the delete
 * failed on both databases.
 */
describe("migration 20261207T1401_fk_set_null_columns", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  }, 60_000);
  afterAll(async () => {
    await closeServices(services);
  });

  async function scene() {
    const { account } = await createAccount(services);
    const accountId = account.id;
    const agent = await createUser(services, accountId, "agent");
    const { channel } = await createApiChannel(services, accountId);
    const team = await services.db
      .insertInto("teams")
      .values({ account_id: accountId, name: "Livraison" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const contact = await services.db
      .insertInto("contacts")
      .values({ account_id: accountId, name: "Renée" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const conversation = await services.db
      .insertInto("conversations")
      .values({
        account_id: accountId,
        number: 1,
        contact_id: contact.id,
        channel_id: channel.id,
        assignee_id: agent.id,
        team_id: team.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const message = await services.db
      .insertInto("messages")
      .values({
        account_id: accountId,
        conversation_id: conversation.id,
        channel_id: channel.id,
        direction: "in",
        text: "Mon colis est abîmé",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const callback = await services.db
      .insertInto("callbacks")
      .values({
        account_id: accountId,
        conversation_id: conversation.id,
        contact_id: contact.id,
        team_id: team.id,
        assignee_id: agent.id,
        phone: "+33612345678",
        scheduled_at: new Date(Date.now() + 3_600_000),
        customer_time_zone: "Europe/Paris",
        source: "agent",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { accountId, agent, channel, team, conversation, message, callback };
  }

  const conversationOf = (accountId: string, id: string) =>
    services.db
      .selectFrom("conversations")
      .select(["account_id", "team_id", "assignee_id", "channel_id"])
      .where("account_id", "=", accountId)
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const callbackOf = (accountId: string, id: string) =>
    services.db
      .selectFrom("callbacks")
      .select(["account_id", "team_id", "assignee_id"])
      .where("account_id", "=", accountId)
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("deleting a team clears team_id on its conversations and callbacks, nothing else", async () => {
    const s = await scene();
    await services.db
      .deleteFrom("teams")
      .where("account_id", "=", s.accountId)
      .where("id", "=", s.team.id)
      .execute();
    expect(await conversationOf(s.accountId, s.conversation.id)).toEqual({
      account_id: s.accountId,
      team_id: null,
      assignee_id: s.agent.id,
      channel_id: s.channel.id,
    });
    expect(await callbackOf(s.accountId, s.callback.id)).toEqual({
      account_id: s.accountId,
      team_id: null,
      assignee_id: s.agent.id,
    });
  });

  it("deleting an agent clears assignee_id on their conversations and callbacks", async () => {
    const s = await scene();
    await services.db
      .deleteFrom("users")
      .where("account_id", "=", s.accountId)
      .where("id", "=", s.agent.id)
      .execute();
    expect(await conversationOf(s.accountId, s.conversation.id)).toEqual({
      account_id: s.accountId,
      team_id: s.team.id,
      assignee_id: null,
      channel_id: s.channel.id,
    });
    expect(await callbackOf(s.accountId, s.callback.id)).toEqual({
      account_id: s.accountId,
      team_id: s.team.id,
      assignee_id: null,
    });
  });

  it("deleting a channel clears channel_id on its conversations and messages", async () => {
    const s = await scene();
    await services.db
      .deleteFrom("channels")
      .where("account_id", "=", s.accountId)
      .where("id", "=", s.channel.id)
      .execute();
    expect(await conversationOf(s.accountId, s.conversation.id)).toMatchObject({
      account_id: s.accountId,
      channel_id: null,
      team_id: s.team.id,
    });
    const message = await services.db
      .selectFrom("messages")
      .select(["account_id", "channel_id", "text"])
      .where("account_id", "=", s.accountId)
      .where("id", "=", s.message.id)
      .executeTakeFirstOrThrow();
    expect(message).toEqual({
      account_id: s.accountId,
      channel_id: null,
      text: "Mon colis est abîmé",
    });
  });

  it("leaves no composite key that would null account_id", async () => {
    const { rows } = await sql<{ conname: string }>`
      select conname from pg_constraint
       where contype = 'f' and confdeltype = 'n' and cardinality(conkey) > 1
         and (confdelsetcols is null or cardinality(confdelsetcols) = cardinality(conkey))
    `.execute(services.db);
    expect(rows).toEqual([]);
    const { rows: fixed } = await sql<{ count: number }>`
      select count(*)::int as count from pg_constraint
       where contype = 'f' and confdeltype = 'n' and confdelsetcols is not null
    `.execute(services.db);
    expect(fixed[0]?.count).toBeGreaterThanOrEqual(6);
  });
});
