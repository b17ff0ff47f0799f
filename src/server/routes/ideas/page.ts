import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type PageLanguage, publicIdeasNotFound, publicIdeasPage } from "../../ideas/publicPage.ts";
import { publicAccountBySlug } from "../../models/accounts.ts";
import { listIdeas } from "../../models/ideas.ts";
import type { Services } from "../../services.ts";

const ZQuery = z.object({ lang: z.enum(["fr", "en"]).optional() });
/** An account's slug, as the accounts table allows it; anything else is not looked up. */
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

function pageLanguage(request: FastifyRequest, accountLocale: string | null): PageLanguage {
  const asked = ZQuery.safeParse(request.query);
  if (asked.success && asked.data.lang) return asked.data.lang;
  const header = String(request.headers["accept-language"] ?? "").toLowerCase();
  if (header.startsWith("fr")) return "fr";
  if (header.startsWith("en")) return "en";
  return accountLocale?.startsWith("fr") ? "fr" : "en";
}

/**
 * The public ideas page, `/ideas/<account-slug>`: server-rendered in French or English (`?lang=`,
 * else the browser's language, else the account's), listing the ideas marked public with their
 * status and vote count. No customer's name, handle or words appear: only the idea as the team
 * wrote it and how many customers gave it.
 */
export async function ideasPagePlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const html = (reply: FastifyReply, status: number, page: string) =>
    reply
      .status(status)
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "public, max-age=60")
      .send(page);

  app.get("/ideas/:slug", async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const account = SLUG.test(slug) ? await publicAccountBySlug(services.db, slug) : undefined;
    const language = pageLanguage(request, account?.locale ?? null);
    if (!account) return html(reply, 404, publicIdeasNotFound(language));
    const ideas = await listIdeas(services.db, account.id, { publicOnly: true });
    return html(
      reply,
      200,
      publicIdeasPage({
        language,
        company: account.public_name ?? account.name,
        path: `/ideas/${encodeURIComponent(account.slug)}`,
        ideas: ideas.map((idea) => ({
          title: idea.title,
          description: idea.description,
          status: idea.status,
          votes: idea.votes,
        })),
      }),
    );
  });
}
