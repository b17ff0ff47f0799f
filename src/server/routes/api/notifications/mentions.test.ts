import { describe, expect, it } from "vitest";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";

describe("@mentions in internal notes", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("keeps the mentions on the note and notifies each teammate, never the author", async () => {
    const { services, url } = relais();
    const { account, user, token } = await createAccount(services);
    const colleague = await createUser(services, account.id, "agent");
    const bystander = await createUser(services, account.id, "agent");
    const viewer = await createUser(services, account.id, "viewer");
    const stranger = await createAccount(services);
    const { channel, secret } = await createApiChannel(services, account.id);
    await postSignedHook(url, channel.id, secret, {
      message: { id: "m-1", text: "Mon colis n'est jamais arrivé" },
      contact: { id: "c-1", name: "Inès" },
    });
    const api = apiClient(url, token);
    const conversation = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0],
      { message: "the customer's conversation" },
    );

    const note = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      kind: "note",
      text: `@${colleague.name} peux-tu regarder ?`,
      mentions: [colleague.id, viewer.id, stranger.user.id, user.id, colleague.id],
    });
    expect(note.status).toBe(201);
    expect(note.body.data.metadata.mentions).toEqual([colleague.id, user.id]);

    const theirs = (await apiClient(url, colleague.token).get("/api/v1/notifications")).body;
    expect(theirs.data).toHaveLength(1);
    expect(theirs.data[0]).toMatchObject({
      kind: "mention",
      text: null,
      conversationId: conversation.id,
      read: false,
      params: { byName: user.name, number: conversation.number },
    });
    for (const other of [token, bystander.token]) {
      const list = (await apiClient(url, other).get("/api/v1/notifications")).body.data;
      expect(list.filter((item: { kind: string }) => item.kind === "mention")).toEqual([]);
    }

    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      kind: "reply",
      text: "Bonjour",
      mentions: [colleague.id],
    });
    expect(reply.status).toBe(400);
  });
});
