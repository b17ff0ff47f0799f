import { describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";

/**
 * Contacts per resolution, repeat and first-contact resolution rates, through the real flow
 * (webhooks in, agent replies, resolutions recorded by their processor, repeats linked by theirs).
 *
 * The set, computed by hand:
 * - Ana writes about order 48213 on the shop channel (A), is answered, A is resolved; she writes
 *   again about 48213 on the app channel (B, a repeat of A), B is resolved.
 *   A: 1 contact, followed by a repeat. B: 1 turn + A, the chain's earlier conversation = 2.
 * - Bruno writes once (C), is answered, C is resolved: 1 contact, the only first-contact resolution.
 * - Chloé writes (D), is answered, writes again, is answered, D is resolved: 2 turns = 2 contacts.
 * Resolutions 4; repeated 1 (A) → repeatRate 0.25; first contact: C only → 0.25; contacts per
 * resolution over the problems' last resolutions (B 2, C 1, D 2): mean 5/3 = 1.6667, median 2;
 * nothing reopened → 0; one channel switch (B) → 0.25.
 */
describe("effort figures across channels (#14)", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("counts a problem's conversations on every channel, repeats and first-contact resolutions", async () => {
    const { services } = relais();
    const { account, token } = await createAccount(services);
    const api = apiClient(relais().url, token);
    const shop = await createApiChannel(services, account.id);
    const app = await createApiChannel(services, account.id);
    let sequence = 0;
    const writes = async (
      channel: Awaited<ReturnType<typeof createApiChannel>>,
      customer: string,
      text: string,
    ) => {
      sequence += 1;
      const response = await postSignedHook(relais().url, channel.channel.id, channel.secret, {
        message: { id: `m-${sequence}`, text },
        contact: { id: customer },
      });
      expect(response.status).toBeLessThan(300);
      return waitFor(
        async () =>
          services.db
            .selectFrom("messages")
            .select("conversation_id")
            .where("account_id", "=", account.id)
            .where("channel_id", "=", channel.channel.id)
            .where("external_id", "=", `m-${sequence}`)
            .executeTakeFirst(),
        { message: `message m-${sequence} stored` },
      ).then((row) => row.conversation_id);
    };
    const answers = async (conversationId: string) => {
      const reply = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
        text: "Nous regardons cela tout de suite.",
      });
      expect(reply.status).toBe(201);
    };
    const resolves = async (conversationId: string) => {
      const resolved = await api.patch(`/api/v1/conversations/${conversationId}`, {
        status: "resolved",
      });
      expect(resolved.body.data.status).toBe("resolved");
      await waitFor(
        () =>
          services.db
            .selectFrom("resolutions")
            .select("id")
            .where("account_id", "=", account.id)
            .where("conversation_id", "=", conversationId)
            .executeTakeFirst(),
        { message: "the resolution recorded" },
      );
    };

    const a = await writes(shop, "ana", "Ma commande 48213 n'est jamais arrivée.");
    await answers(a);
    await resolves(a);
    const b = await writes(app, "ana", "Toujours rien pour la commande n° 48213 !");
    expect(b).not.toBe(a);
    await waitFor(
      () =>
        services.db
          .selectFrom("conversations")
          .select("id")
          .where("account_id", "=", account.id)
          .where("id", "=", b)
          .where("repeat_of_id", "=", a)
          .executeTakeFirst(),
      { message: "B linked as a repeat of A" },
    );
    await answers(b);
    await resolves(b);

    const c = await writes(shop, "bruno", "Comment changer mon adresse de livraison ?");
    await answers(c);
    await resolves(c);

    const d = await writes(shop, "chloe", "Le chargeur ne fonctionne pas.");
    await answers(d);
    await writes(shop, "chloe", "J'ai essayé une autre prise, rien.");
    await answers(d);
    await resolves(d);

    const contacts = await services.db
      .selectFrom("resolutions")
      .select(["conversation_id", "contacts", "channel_switch"])
      .where("account_id", "=", account.id)
      .execute();
    const byConversation = Object.fromEntries(
      contacts.map((row) => [row.conversation_id, [row.contacts, row.channel_switch]]),
    );
    expect(byConversation).toEqual({
      [a]: [1, false],
      [b]: [2, true],
      [c]: [1, false],
      [d]: [2, false],
    });

    const report = await api.get("/api/v1/reports/effort");
    expect(report.status).toBe(200);
    expect(report.body.data).toMatchObject({
      resolutions: 4,
      contactsPerResolution: { mean: 1.6667, median: 2 },
      repeatRate: 0.25,
      firstContactResolutionRate: 0.25,
      reopenRate: 0,
      channelSwitchRate: 0.25,
    });

    // Another account sees none of it.
    const other = await createAccount(services);
    const theirs = await apiClient(relais().url, other.token).get("/api/v1/reports/effort");
    expect(theirs.body.data).toMatchObject({ resolutions: 0, repeatRate: null });
  });
});
