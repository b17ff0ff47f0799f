import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import type { TArticleHit } from "../../../shared/articles.ts";
import {
  createChatChannel,
  openLiveSocket,
  openWidgetSession,
  visitorSocketUrl,
} from "../widget/testing.ts";

const STARTUP_MS = 180_000;

/**
 * The public help centre as a customer without JavaScript meets it (plain HTTP), its search, its
 * feedback form, and the widget's suggestions.
 */
describe("the public help centre", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let slug: string;
  let api: ReturnType<typeof apiClient>;
  let chatId: string;
  const ids: Record<string, string> = {};

  const page = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${relais.url}/help/${slug}${path}`, { headers });
    return { status: response.status, html: await response.text(), headers: response.headers };
  };
  const search = async (q: string, lang: string, accountSlug = slug) => {
    const response = await fetch(
      `${relais.url}/help/${accountSlug}/api/search?q=${encodeURIComponent(q)}&lang=${lang}`,
    );
    return ((await response.json()) as { data: TArticleHit[] }).data.map((hit) => hit.title);
  };

  beforeAll(async () => {
    relais = await startTestRelais();
    const a = await createAccount(relais.services);
    slug = a.account.slug;
    api = apiClient(relais.url, a.token);
    chatId = (
      await createChatChannel(relais.services, a.account.id, {
        contactEmail: "aide@boutique.example",
        contactPhone: "+33 1 23 45 67 89",
      })
    ).channel.id;
    const category = (
      await api.post("/api/v1/article-categories", { name: { fr: "Livraison", en: "Delivery" } })
    ).body.data;
    const write = async (key: string, article: Record<string, unknown>) => {
      const created = await api.post("/api/v1/articles", { status: "published", ...article });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids[key] = created.body.data.id;
    };
    await write("late", {
      locale: "fr",
      title: "Livraison en retard",
      body: "Votre colis n'est pas arrivé à la date prévue ? Voici que faire.",
      categoryId: category.id,
    });
    await write("lateEn", {
      locale: "en",
      title: "Late delivery",
      body: "Your parcel did not arrive on time? Here is what to do.",
      categoryId: category.id,
      translationOf: ids.late,
    });
    await write("refund", {
      locale: "en",
      title: "Refund policy",
      body: "We refund any order returned within 30 days.",
    });
    await write("tracking", { locale: "fr", title: "Suivi de colis", body: "Suivez votre colis." });
    await write("draft", {
      locale: "fr",
      title: "Livraisons retardées : note interne",
      body: "Retard livraison brouillon",
      status: "draft",
    });
    await write("damagedA", { locale: "en", title: "Damaged parcel", body: "What to do." });
    await write("damagedB", { locale: "en", title: "Damaged parcel", body: "What to do." });
    const b = await createAccount(relais.services);
    await apiClient(relais.url, b.token).post("/api/v1/articles", {
      locale: "fr",
      title: "Livraison en retard chez B",
      body: "Retard de livraison de B.",
      status: "published",
    });
    ids.otherSlug = b.account.slug;
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  it("finds by stems and folded accents in both languages, forgives typos, never drafts or other accounts", async () => {
    expect(await search("livraisons retardées", "fr")).toEqual(["Livraison en retard"]);
    expect(await search("refunds", "en")).toEqual(["Refund policy"]);
    expect(await search("refnud", "en")).toEqual(["Refund policy"]);
    expect((await search("livriason", "fr"))[0]).toBe("Livraison en retard");
    const late = await search("retard livraison", "fr");
    expect(late).not.toContain("Livraisons retardées : note interne");
    expect(late).not.toContain("Livraison en retard chez B");
    expect(await search("livraison", "fr", ids.otherSlug)).toEqual(["Livraison en retard chez B"]);
    // Nothing in French: the English article answers rather than nothing.
    expect(await search("refund", "fr")).toEqual(["Refund policy"]);

    expect(await search("xylophone quantique", "fr")).toEqual([]);
    const unanswered = await api.get("/api/v1/help-centre/unanswered-searches");
    expect(unanswered.body.data).toEqual([
      expect.objectContaining({ query: "xylophone quantique", locale: "fr", count: 1 }),
    ]);
    const stats = await api.get(`/api/v1/articles/${ids.late}/stats`);
    expect(stats.body.data.searchesWithoutResult).toBe(1);
  });

  it("serves pages without JavaScript, in the reader's language, with the contact options in the same place", async () => {
    const home = await page("", { "accept-language": "en-GB,en;q=0.9,fr;q=0.5" });
    expect(home.status).toBe(200);
    expect(home.html).toContain('<html lang="en">');
    expect(home.html).toContain("Late delivery");
    expect(home.html).not.toContain("Livraison en retard");
    expect((await page("")).html).toContain('<html lang="fr">'); // the account's language
    expect((await page("?lang=en", { "accept-language": "fr" })).html).toContain(
      '<html lang="en">',
    );

    const article = await page("/fr/articles/livraison-en-retard");
    expect(article.status).toBe(200);
    expect(article.html).toMatch(/<title>Livraison en retard — [^<]+<\/title>/);
    expect(article.html).toContain(
      '<meta name="description" content="Votre colis n&#39;est pas arrivé à la date prévue ? Voici que faire.">',
    );
    expect(article.html).toMatch(
      /<link rel="alternate" hreflang="en" href="[^"]+\/help\/[^/]+\/en\/articles\/late-delivery">/,
    );
    expect(article.html).toContain(
      `action="/help/${slug}/fr/articles/livraison-en-retard/feedback"`,
    );

    const pages = [
      home,
      article,
      await page("/fr/livraison"),
      await page("/search?q=colis&lang=fr"),
      await page("/search?q=xylophone&lang=fr"),
      await page("/fr/articles/livraisons-retardees-note-interne"), // a draft: 404
      await page("/en/articles/nothing-here"),
    ];
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 404, 404]);
    expect(pages[2]?.html).toContain("Livraison en retard");
    expect(pages[3]?.html).toContain("Suivi de colis");
    for (const { html } of pages) {
      const contact = html.indexOf('<aside class="contact"');
      expect(contact).toBeGreaterThan(html.indexOf("</header>"));
      expect(contact).toBeLessThan(html.indexOf("<main"));
      const box = html.slice(contact, html.indexOf("</aside>"));
      expect(box).toContain('href="mailto:aide@boutique.example"');
      expect(box).toContain('href="tel:+33123456789"');
      expect(box).toContain('data-relais-open="chat"');
      expect(box).toContain('data-relais-open="callback"');
      expect(box).toMatch(/(Horaires|Opening hours).*(Lun\.–Ven\.|Mon–Fri) 09:00–18:00/);
      // The only script is the chat widget's, opened in place.
      expect(html.match(/<script/g)).toEqual(["<script"]);
      expect(html).toContain(`<script src="/widget.js" data-channel="${chatId}"`);
    }
    expect((await page("/fr/articles/livraison-en-retard-chez-b")).status).toBe(404);

    const sitemap = await page("/sitemap.xml");
    expect(sitemap.headers.get("content-type")).toContain("application/xml");
    expect(sitemap.html).toMatch(/<loc>[^<]+\/fr\/articles\/livraison-en-retard<\/loc>/);
    expect(sitemap.html).toMatch(/hreflang="en" href="[^"]+\/en\/articles\/late-delivery"/);
    expect(sitemap.html).not.toContain("note-interne");
    expect((await fetch(`${relais.url}/help/no-such-centre`)).status).toBe(404);
  });

  it("counts feedback sent by a plain form, and ranks articles readers found helpful first", async () => {
    const form = (path: string, fields: Record<string, string>) =>
      fetch(`${relais.url}/help/${slug}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
        redirect: "manual",
      });
    const sent = await form("/fr/articles/suivi-de-colis/feedback", {
      helpful: "no",
      comment: "Il manque le lien de suivi",
    });
    expect(sent.status).toBe(303);
    const location = new URL(sent.headers.get("location") ?? "", relais.url);
    expect(location.search).toBe("?feedback=thanks");
    const thanks = await page(
      `${location.pathname.slice(`/help/${slug}`.length)}${location.search}`,
    );
    expect(thanks.html).toContain("Merci pour votre avis");
    await form("/fr/articles/suivi-de-colis/feedback", { helpful: "yes" });
    const stats = (await api.get(`/api/v1/articles/${ids.tracking}/stats`)).body.data;
    expect(stats).toMatchObject({ helpful: 1, notHelpful: 1 });
    expect(stats.views).toBeGreaterThanOrEqual(1);
    expect(stats.feedback.map((f: { comment: string | null }) => f.comment)).toEqual([
      null,
      "Il manque le lien de suivi",
    ]);
    expect((await form("/fr/articles/suivi-de-colis/feedback", { helpful: "maybe" })).status).toBe(
      400,
    );

    const before = await search("damaged parcel", "en");
    expect(before).toHaveLength(2);
    const order = async () =>
      (
        await (await fetch(`${relais.url}/help/${slug}/api/search?q=damaged+parcel&lang=en`)).json()
      ).data.map((hit: TArticleHit) => hit.id);
    const [, second] = await order();
    const secondSlug = second === ids.damagedA ? "damaged-parcel" : "damaged-parcel-2";
    await form(`/en/articles/${secondSlug}/feedback`, { helpful: "yes" });
    await form(`/en/articles/${secondSlug}/feedback`, { helpful: "yes" });
    expect((await order())[0]).toBe(second);
  });

  it("suggests articles in the widget and records the ones a visitor opens", async () => {
    const suggest = await fetch(
      `${relais.url}/widget/${chatId}/articles?q=colis%20en%20retard&lang=fr`,
      {
        headers: { origin: "https://shop.example" },
      },
    );
    expect(suggest.status).toBe(200);
    const hits: TArticleHit[] = ((await suggest.json()) as { data: TArticleHit[] }).data;
    expect(hits[0]).toMatchObject({ title: "Livraison en retard" });
    expect(hits[0]?.url).toMatch(new RegExp(`/help/${slug}/fr/articles/livraison-en-retard$`));
    const foreign = await fetch(`${relais.url}/widget/${chatId}/articles?q=retard`, {
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);

    const visitor = (await openWidgetSession(relais.url, chatId)).body.data.token;
    const open = (articleId: string) =>
      fetch(`${relais.url}/widget/${chatId}/article-views`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${visitor}`,
          origin: "https://shop.example",
          "content-type": "application/json",
        },
        body: JSON.stringify({ articleId }),
      });
    const viewsBefore = (await api.get(`/api/v1/articles/${ids.late}/stats`)).body.data.views;
    expect((await open(ids.late ?? "")).status).toBe(201);
    expect((await api.get(`/api/v1/articles/${ids.late}/stats`)).body.data.views).toBe(
      viewsBefore + 1,
    );
    const row = await relais.services.db
      .selectFrom("article_views")
      .select(["source", "chat_session_id"])
      .where("article_id", "=", ids.late ?? "")
      .where("source", "=", "widget")
      .executeTakeFirstOrThrow();
    expect(row.chat_session_id).not.toBeNull();
    expect((await open(ids.draft ?? "")).status).toBe(404);

    // The visitor then writes: the agent sees which article they read first.
    const socket = await openLiveSocket(visitorSocketUrl(relais.url, chatId, visitor), {
      origin: "https://shop.example",
    });
    await socket.next((frame) => frame.type === "hello", 30_000);
    socket.send({ type: "message", clientId: "help-read-1", text: "Mon colis est en retard" });
    const stored = await socket.next((frame) => frame.type === "stored", 30_000);
    socket.close();
    const conversationId = stored.message.conversationId as string;
    const read = await api.get(`/api/v1/conversations/${conversationId}/articles-read`);
    expect(read.body.data).toEqual([
      expect.objectContaining({ id: ids.late, title: "Livraison en retard", locale: "fr" }),
    ]);
  });
});
