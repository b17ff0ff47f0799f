import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import type { TArticle, TArticleRevision } from "../../../../shared/articles.ts";

const STARTUP_MS = 180_000;

describe("/api/v1/articles and /api/v1/article-categories", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  it("writes, translates, publishes and keeps every revision of an article", async () => {
    const { account, token, user } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const category = await api.post("/api/v1/article-categories", {
      name: { fr: "Livraison", en: "Delivery" },
    });
    expect(category.status).toBe(201);
    expect(category.body.data).toMatchObject({ slug: "livraison", name: { en: "Delivery" } });
    expect(
      (await api.post("/api/v1/article-categories", { name: { fr: "Livraison", en: "x" } })).status,
    ).toBe(409);

    const created = await api.post("/api/v1/articles", {
      locale: "fr",
      title: "Livraison en retard",
      body: "Votre colis a du **retard** ?",
      categoryId: category.body.data.id,
    });
    expect(created.status).toBe(201);
    const fr: TArticle = created.body.data;
    expect(fr).toMatchObject({ slug: "livraison-en-retard", status: "draft", url: null });
    expect(fr.html).toContain("<strong>retard</strong>");

    const en = await api.post("/api/v1/articles", {
      locale: "en",
      title: "Late delivery",
      body: "Your parcel is late?",
      translationOf: fr.id,
    });
    expect(en.body.data.translationOf).toBe(fr.id);
    expect(en.body.data.translations).toEqual([
      expect.objectContaining({ id: fr.id, locale: "fr", title: "Livraison en retard" }),
    ]);
    const twice = await api.post("/api/v1/articles", {
      locale: "en",
      title: "Late again",
      translationOf: fr.id,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.id).toBe("translation_exists");

    const published = await api.patch(`/api/v1/articles/${fr.id}`, { status: "published" });
    expect(published.body.data.url).toMatch(
      new RegExp(`^https?://[^/]+/help/${account.slug}/fr/articles/livraison-en-retard$`),
    );
    expect(published.body.data.publishedAt).not.toBeNull();
    await api.patch(`/api/v1/articles/${fr.id}`, { body: "Votre colis a pris du retard." });
    const revisions = await api.get(`/api/v1/articles/${fr.id}/revisions`);
    expect(revisions.body.data.map((r: TArticleRevision) => [r.status, r.body])).toEqual([
      ["published", "Votre colis a pris du retard."],
      ["published", "Votre colis a du **retard** ?"],
      ["draft", "Votre colis a du **retard** ?"],
    ]);
    expect(revisions.body.data[0].editor).toEqual({ id: user.id, name: user.name });

    // Slugs: unique per account and language; a taken title gets a number, a taken slug a 409.
    const same = await api.post("/api/v1/articles", { locale: "fr", title: "Livraison en retard" });
    expect(same.body.data.slug).toBe("livraison-en-retard-2");
    const taken = await api.post("/api/v1/articles", {
      locale: "fr",
      title: "Autre",
      slug: "livraison-en-retard",
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe("slug_exists");
    const otherLocale = await api.post("/api/v1/articles", {
      locale: "en",
      title: "Other",
      slug: "livraison-en-retard",
    });
    expect(otherLocale.status).toBe(201);

    const list = await api.get("/api/v1/articles?locale=fr&status=published");
    expect(list.body.data.map((a: TArticle) => a.id)).toEqual([fr.id]);
    const found = await api.get("/api/v1/articles?q=retards");
    expect(found.body.data.map((a: TArticle) => a.id)).toContain(fr.id);
    const stats = await api.get(`/api/v1/articles/${fr.id}/stats`);
    expect(stats.body.data).toMatchObject({ views: 0, helpful: 0, notHelpful: 0, feedback: [] });

    expect((await api.delete(`/api/v1/articles/${fr.id}`)).body.data).toEqual({ deleted: true });
    expect((await api.get(`/api/v1/articles/${fr.id}`)).status).toBe(404);
    expect(
      (await api.get(`/api/v1/articles/${en.body.data.id}`)).body.data.translationOf,
    ).toBeNull();
  });

  it("renders Markdown without scripts, event handlers or javascript: links", async () => {
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const body = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(2)">',
      "[clic](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)",
      "![x](javascript:alert(4))",
      '<a href="javascript:alert(5)">a</a> <svg onload=alert(6)>',
      "[ok](https://example.org/aide)",
    ].join("\n\n");
    const created = await api.post("/api/v1/articles", { locale: "fr", title: "XSS", body });
    const html: string = created.body.data.html;
    // Every "<" left is a real tag (text is escaped): none carries a handler or a script URL.
    expect(html).not.toMatch(/<(script|svg|iframe)/i);
    expect(html).not.toMatch(
      /<[a-z][^>]*\s(on\w+=|href="(javascript|data):|src="(javascript|data):)/i,
    );
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('href="https://example.org/aide" rel="noopener noreferrer nofollow"');
  });

  it("lets agents read, not write; supervisors write; other accounts see nothing", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const article = (await api.post("/api/v1/articles", { locale: "fr", title: "Retours" })).body
      .data;
    const agent = apiClient(relais.url, (await createUser(relais.services, account.id)).token);
    expect((await agent.get("/api/v1/articles")).body.data).toHaveLength(1);
    expect((await agent.get(`/api/v1/articles/${article.id}/revisions`)).status).toBe(200);
    expect((await agent.post("/api/v1/articles", { locale: "fr", title: "x" })).status).toBe(403);
    expect((await agent.patch(`/api/v1/articles/${article.id}`, { title: "x" })).status).toBe(403);
    expect((await agent.delete(`/api/v1/articles/${article.id}`)).status).toBe(403);
    expect(
      (await agent.post("/api/v1/article-categories", { name: { fr: "a", en: "a" } })).status,
    ).toBe(403);
    const supervisor = apiClient(
      relais.url,
      (await createUser(relais.services, account.id, "supervisor")).token,
    );
    expect(
      (await supervisor.post("/api/v1/articles", { locale: "en", title: "Returns" })).status,
    ).toBe(201);

    const foreign = apiClient(relais.url, (await createAccount(relais.services)).token);
    expect((await foreign.get("/api/v1/articles")).body.data).toEqual([]);
    expect((await foreign.get(`/api/v1/articles/${article.id}`)).status).toBe(404);
    expect((await foreign.get(`/api/v1/articles/${article.id}/stats`)).status).toBe(404);
    const translation = await foreign.post("/api/v1/articles", {
      locale: "en",
      title: "Stolen",
      translationOf: article.id,
    });
    expect(translation.status).toBe(404);
    const invalid = await api.post("/api/v1/articles", { locale: "de", title: "x" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.id).toBe("validation_failed");
  });
});
