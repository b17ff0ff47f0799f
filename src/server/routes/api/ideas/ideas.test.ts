import { describe, expect, it } from "vitest";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import type { TIdeaDetail, TUnsortedIdea } from "../../../../shared/ideas.ts";

describe("/api/v1/ideas", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  /** An account whose customers write on its API channel; `say` returns the conversation. */
  async function shop() {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const { channel, secret } = await createApiChannel(relais().services, account.id);
    let n = 0;
    const say = async (customer: string, text: string): Promise<string> => {
      const id = `m-${++n}`;
      await postSignedHook(relais().url, channel.id, secret, {
        message: { id, text },
        contact: { id: customer, name: customer },
      });
      return waitFor(async () => {
        const list = (await api.get("/api/v1/conversations?status=open,pending,snoozed,resolved"))
          .body.data as Array<{
          id: string;
          contact: { name: string };
          status: string;
        }>;
        return list.find((c) => c.contact.name === customer && c.status === "open")?.id;
      });
    };
    return { account, api, say };
  }

  const idea = (api: ReturnType<typeof apiClient>, id: string) =>
    api.get<{ data: TIdeaDetail }>(`/api/v1/ideas/${id}`);

  it("links customers' conversations (one vote per customer), merges two ideas keeping each vote once, deletes", async () => {
    const { api, say } = await shop();
    const camilleFirst = await say("Camille", "Ce serait bien d'avoir un mode sombre.");
    await api.patch(`/api/v1/conversations/${camilleFirst}`, { status: "resolved" });
    const camilleAgain = await say("Camille", "Toujours pas de mode sombre ? Ce serait top.");
    expect(camilleAgain).not.toBe(camilleFirst);
    const jordan = await say("Jordan", "Please add a dark mode, my eyes hurt at night.");
    const sam = await say("Sam", "A dark theme for the website would be lovely.");

    const created = await api.post("/api/v1/ideas", {
      title: "Mode sombre",
      description: "Un thème sombre pour l'appli et le site",
      kind: "product",
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      title: "Mode sombre",
      status: "new",
      public: false,
      statusNote: null,
      votes: 0,
      conversations: [],
    });
    const darkId = created.body.data.id;
    const link = (ideaId: string, conversationId: string) =>
      api.post(`/api/v1/ideas/${ideaId}/links`, { conversationId });
    expect((await link(darkId, camilleFirst)).status).toBe(201);
    expect((await link(darkId, camilleAgain)).body.data.votes).toBe(1);
    const again = await link(darkId, camilleAgain);
    expect(again.status).toBe(200);
    expect(again.body.data.conversations).toHaveLength(2);
    const withJordan = await link(darkId, jordan);
    expect(withJordan.body.data.votes).toBe(2);
    expect(withJordan.body.data.conversations.map((c: { id: string }) => c.id)).toEqual([
      camilleFirst,
      camilleAgain,
      jordan,
    ]);
    expect(withJordan.body.data.conversations[2]).toMatchObject({
      contact: { name: "Jordan" },
      channelKind: "api",
      excerpt: "Please add a dark mode, my eyes hurt at night.",
    });

    // A second idea with Camille and Sam, merged into the first: Camille still counts once.
    const theme = await api.post("/api/v1/ideas", { title: "Thème sombre", kind: "product" });
    await link(theme.body.data.id, camilleAgain);
    await link(theme.body.data.id, sam);
    const merged = await api.post(`/api/v1/ideas/${theme.body.data.id}/merge`, {
      intoId: darkId,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.data.votes).toBe(3);
    expect(merged.body.data.conversations).toHaveLength(4);
    expect((await idea(api, theme.body.data.id)).status).toBe(404);
    const list = (await api.get("/api/v1/ideas")).body.data;
    expect(list.map((i: { title: string; votes: number }) => [i.title, i.votes])).toEqual([
      ["Mode sombre", 3],
    ]);
    expect((await api.post(`/api/v1/ideas/${darkId}/merge`, { intoId: darkId })).status).toBe(422);

    const edited = await api.patch(`/api/v1/ideas/${darkId}`, {
      title: "Mode sombre (appli et site)",
      public: true,
    });
    expect(edited.body.data).toMatchObject({ title: "Mode sombre (appli et site)", public: true });
    expect((await api.delete(`/api/v1/ideas/${darkId}`)).body.data).toEqual({ deleted: true });
    expect((await idea(api, darkId)).status).toBe(404);
    // The conversations stay.
    expect((await api.get(`/api/v1/conversations/${jordan}`)).status).toBe(200);
  });

  it("refuses mentions for now, another account's conversation, and status changes by agents", async () => {
    const { account, api, say } = await shop();
    const other = await shop();
    const foreign = await other.say("Zoé", "Une idée : un programme de fidélité.");
    const mine = await say("Léa", "Une idée : un programme de fidélité.");
    const created = (await api.post("/api/v1/ideas", { title: "Fidélité", kind: "marketing" })).body
      .data;

    const mention = await api.post(`/api/v1/ideas/${created.id}/links`, {
      mentionId: "4b0c2a9e-3c41-4b7f-9d0e-0c1b2a3d4e5f",
    });
    expect(mention.status).toBe(400);
    expect(mention.body.error).toMatchObject({ id: "mentions_unavailable" });
    expect(mention.body.error.message).toMatch(/listening/);
    const both = await api.post(`/api/v1/ideas/${created.id}/links`, {
      conversationId: mine,
      mentionId: "4b0c2a9e-3c41-4b7f-9d0e-0c1b2a3d4e5f",
    });
    expect(both.status).toBe(400);
    const crossed = await api.post(`/api/v1/ideas/${created.id}/links`, {
      conversationId: foreign,
    });
    expect(crossed.status).toBe(404);
    expect((await other.api.get(`/api/v1/ideas/${created.id}`)).status).toBe(404);

    const agent = apiClient(relais().url, (await createUser(relais().services, account.id)).token);
    expect(
      (await agent.post(`/api/v1/ideas/${created.id}/links`, { conversationId: mine })).status,
    ).toBe(201);
    expect(
      (await agent.patch(`/api/v1/ideas/${created.id}`, { description: "Points" })).status,
    ).toBe(200);
    const refused = await agent.patch(`/api/v1/ideas/${created.id}`, { status: "shipped" });
    expect(refused.status).toBe(403);
    expect((await agent.delete(`/api/v1/ideas/${created.id}`)).status).toBe(403);
    const viewer = apiClient(
      relais().url,
      (await createUser(relais().services, account.id, "viewer")).token,
    );
    expect((await viewer.get("/api/v1/ideas")).status).toBe(403);
  });

  it("queues unsorted suggestions with the most similar idea, French and English alike; one click links", async () => {
    const { api, say } = await shop();
    const dark = (
      await api.post("/api/v1/ideas", {
        title: "Mode sombre",
        description: "Un thème sombre pour l'application mobile",
        kind: "product",
      })
    ).body.data;
    const wishlist = (
      await api.post("/api/v1/ideas", {
        title: "Wishlist",
        description: "Save products to a wishlist for later",
        kind: "product",
      })
    ).body.data;
    const french = await say("Inès", "Ce serait bien d'ajouter un mode sombre à l'application");
    const english = await say("Tom", "It would be great to add a wishlist to the app");
    const marketing = await say(
      "Hugo",
      "Faites un partenariat avec des influenceurs sur Instagram",
    );
    const question = await say("Eva", "Bonjour, où est mon colis ? Il n'est toujours pas arrivé.");

    const queue: TUnsortedIdea[] = await waitFor(async () => {
      const conversations = (
        await api.get("/api/v1/conversations?status=open,pending,snoozed,resolved")
      ).body.data;
      if (conversations.some((c: { category: string | null }) => !c.category)) return null;
      return (await api.get("/api/v1/ideas/unsorted")).body.data;
    });
    const byConversation = new Map(queue.map((item) => [item.conversation.id, item]));
    expect(byConversation.has(question)).toBe(false);
    expect(byConversation.get(french)?.suggestion?.idea.id).toBe(dark.id);
    expect(byConversation.get(french)?.conversation).toMatchObject({
      category: "suggestion",
      contact: { name: "Inès" },
    });
    expect(byConversation.get(english)?.suggestion?.idea.id).toBe(wishlist.id);
    expect(byConversation.get(english)?.suggestion?.sharedWords).toBeGreaterThanOrEqual(1);
    expect(byConversation.get(marketing)?.conversation.category).toBe("marketing_idea");
    expect(byConversation.get(marketing)?.suggestion).toBeNull();

    // Confirming the proposal links it; a new idea straight from the queue links its suggestion.
    await api.post(`/api/v1/ideas/${dark.id}/links`, { conversationId: french });
    const fresh = await api.post("/api/v1/ideas", {
      title: "Influenceurs",
      kind: "marketing",
      conversationId: marketing,
    });
    expect(fresh.body.data.votes).toBe(1);
    const left = (await api.get("/api/v1/ideas/unsorted")).body.data as TUnsortedIdea[];
    expect(left.map((item) => item.conversation.id)).toEqual([english]);
  });

  it("serves /ideas/<slug> in French and English: public ideas, status and votes, no customer", async () => {
    const { account, api, say } = await shop();
    const first = await say(
      "Margaux Petit",
      "Mon email est margaux@example.fr : un mode sombre svp",
    );
    const second = await say("Jordan Lee", "Dark mode please!");
    const shown = (
      await api.post("/api/v1/ideas", {
        title: "Mode sombre",
        description: "Un thème sombre pour l'appli",
        kind: "product",
        public: true,
        status: "planned",
      })
    ).body.data;
    await api.post(`/api/v1/ideas/${shown.id}/links`, { conversationId: first });
    await api.post(`/api/v1/ideas/${shown.id}/links`, { conversationId: second });
    await api.post("/api/v1/ideas", { title: "Projet secret", kind: "product" });

    const page = async (query: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${relais().url}/ideas/${account.slug}${query}`, { headers });
      return {
        status: response.status,
        html: await response.text(),
        type: response.headers.get("content-type"),
      };
    };
    const fr = await page("", { "accept-language": "fr-FR,fr;q=0.9" });
    expect(fr.status).toBe(200);
    expect(fr.type).toContain("text/html");
    expect(fr.html).toContain('<html lang="fr">');
    expect(fr.html).toContain("Mode sombre");
    expect(fr.html).toContain("Prévue");
    expect(fr.html).toMatch(/<strong>2<\/strong>clients/);
    const en = await page("?lang=en");
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain("Planned");
    expect(en.html).toMatch(/<strong>2<\/strong>customers/);
    for (const html of [fr.html, en.html]) {
      expect(html).not.toContain("Projet secret");
      for (const personal of [
        "Margaux",
        "Petit",
        "margaux@example.fr",
        "Jordan",
        "Dark mode please",
      ]) {
        expect(html).not.toContain(personal);
      }
    }
    expect((await page("", {})).status).toBe(200);
    for (const slug of ["no-such-shop-here", "x%00", "%C3%A9t%C3%A9"]) {
      expect((await fetch(`${relais().url}/ideas/${slug}`)).status).toBe(404);
    }
  });
});
