import { describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { repeatLinker } from "./repeats.ts";

/**
 * A customer back about the same problem on another channel: the new conversation is linked to
 * the earlier one (by the same order number), the chain carried on, once; a customer writing
 * about something else is not linked.
 */
describe("repeat contacts", () => {
  const relais = useTestRelais();

  async function writes(channel: { id: string }, secret: string, contactId: string, text: string) {
    const response = await postSignedHook(relais().url, channel.id, secret, {
      message: { id: `m-${Math.random().toString(36).slice(2)}`, text },
      contact: { id: contactId },
    });
    expect(response.status).toBeLessThan(300);
  }

  async function conversationsOf(accountId: string) {
    return relais()
      .services.db.selectFrom("conversations")
      .select(["id", "channel_id", "repeat_of_id", "repeat_reason", "chain_id"])
      .where("account_id", "=", accountId)
      .orderBy("created_at")
      .execute();
  }

  it("links a second contact about the same order on another channel to the first, once", async () => {
    const { services } = relais();
    const { account, token } = await createAccount(services);
    const shop = await createApiChannel(services, account.id);
    const app = await createApiChannel(services, account.id);
    await writes(shop.channel, shop.secret, "c-1", "Ma commande 48213 n'est jamais arrivée.");
    await writes(app.channel, app.secret, "c-1", "Toujours rien pour la commande n° 48213 !");

    const [first, second] = await waitFor(
      async () => {
        const rows = await conversationsOf(account.id);
        return rows.length === 2 && rows[1]?.repeat_of_id ? rows : null;
      },
      { message: "the second conversation linked as a repeat" },
    );
    expect(first?.channel_id).toBe(shop.channel.id);
    expect(second).toMatchObject({
      channel_id: app.channel.id,
      repeat_of_id: first?.id,
      repeat_reason: "same_order",
      chain_id: first?.id,
    });
    expect(first?.repeat_of_id).toBeNull();
    // The agent sees it on the conversation: the earlier one, its number, channel and why.
    const api = apiClient(relais().url, token);
    const detail = (await api.get(`/api/v1/conversations/${second?.id}`)).body.data;
    expect(detail.repeatOf).toMatchObject({
      id: first?.id,
      channelKind: "api",
      reason: "same_order",
      status: "open",
    });
    expect(detail.repeatOf.number).toBeGreaterThan(0);
    expect((await api.get(`/api/v1/conversations/${first?.id}`)).body.data.repeatOf).toBeNull();
    // Idempotent: a conversation already linked is left alone.
    expect(await repeatLinker(services.db, account.id, second?.id ?? "")).toBeNull();
  });

  it("does not link a contact about another problem", async () => {
    const { services } = relais();
    const { account } = await createAccount(services);
    const shop = await createApiChannel(services, account.id);
    const app = await createApiChannel(services, account.id);
    await writes(shop.channel, shop.secret, "c-2", "Ma commande 48213 n'est jamais arrivée.");
    await writes(app.channel, app.secret, "c-2", "Pouvez-vous changer mon adresse e-mail ?");
    const rows = await waitFor(
      async () => {
        const found = await conversationsOf(account.id);
        return found.length === 2 ? found : null;
      },
      { message: "two conversations" },
    );
    // Run the linker directly too, so the check does not race the processor.
    expect(await repeatLinker(services.db, account.id, rows[1]?.id ?? "")).toBeNull();
    expect((await conversationsOf(account.id)).map((row) => row.repeat_of_id)).toEqual([
      null,
      null,
    ]);
  });
});
