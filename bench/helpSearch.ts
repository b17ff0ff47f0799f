/**
 * Help-centre search latency on 10,000 published articles of one account (and 2,000 of another,
 * which must never answer): full-text search in French and English (every word, then any word),
 * trigram similarity for typos in short queries, and searches that find nothing (they run every
 * step). Each query is timed end to end through `GET /help/<slug>/api/search` and, apart, in
 * the search function alone.
 *
 *   npx tsx bench/helpSearch.ts [--db pglite|postgres] [--articles 10000] [--rounds 50]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { accountCreator } from "../src/server/commands/accountCreator.ts";
import { loadEnv } from "../src/server/env.ts";
import { searchArticles } from "../src/server/help/search.ts";
import { startRelais } from "../src/server/runtime.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    articles: { type: "string", default: "10000" },
    rounds: { type: "string", default: "50" },
  },
});
const total = Number(values.articles);
const rounds = Number(values.rounds);
const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test";
const benchDatabase = `relais_bench_${Date.now().toString(36)}`;

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(statement);
  await admin.end();
}

const FR = {
  subjects: [
    "livraison",
    "colis",
    "remboursement",
    "retour",
    "commande",
    "facture",
    "garantie",
    "abonnement",
    "paiement",
    "compte",
    "adresse",
    "échange",
    "lampe",
    "canapé",
    "chaise",
    "table",
  ],
  states: [
    "en retard",
    "abîmé",
    "perdu",
    "annulé",
    "incomplet",
    "bloqué",
    "modifié",
    "refusé",
    "en attente",
    "introuvable",
  ],
  fillers: [
    "Voici comment procéder",
    "Nos conseillers vous répondent",
    "Vérifiez votre espace client",
    "Le transporteur vous contacte",
    "Conservez votre justificatif",
    "Comptez trois jours ouvrés",
  ],
};
const EN = {
  subjects: [
    "delivery",
    "parcel",
    "refund",
    "return",
    "order",
    "invoice",
    "warranty",
    "subscription",
    "payment",
    "account",
    "address",
    "exchange",
    "lamp",
    "sofa",
    "chair",
    "table",
  ],
  states: [
    "late",
    "damaged",
    "lost",
    "cancelled",
    "incomplete",
    "stuck",
    "changed",
    "refused",
    "pending",
    "missing",
  ],
  fillers: [
    "Here is what to do",
    "Our advisers answer you",
    "Check your customer area",
    "The carrier contacts you",
    "Keep your receipt",
    "Allow three working days",
  ],
};

function article(index: number) {
  const words = index % 2 === 0 ? FR : EN;
  const pick = <T>(list: T[], salt: number) =>
    list[(index * 7 + salt * 13 + Math.floor(index / list.length)) % list.length] as T;
  const subject = pick(words.subjects, 1);
  const state = pick(words.states, 2);
  const title = `${subject[0]?.toUpperCase()}${subject.slice(1)} ${state} #${index}`;
  const body = Array.from(
    { length: 6 },
    (_, i) =>
      `${pick(words.fillers, i + 3)} : ${pick(words.subjects, i + 5)} ${pick(words.states, i + 7)}.`,
  ).join(" ");
  return { locale: index % 2 === 0 ? "fr" : "en", slug: `a-${index}`, title, body };
}

async function seed(
  db: Awaited<ReturnType<typeof startRelais>>["services"]["db"],
  accountId: string,
  count: number,
) {
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const a = article(start + i);
      return {
        account_id: accountId,
        locale: a.locale as "fr" | "en",
        slug: a.slug,
        title: a.title,
        body: a.body,
        status: "published" as const,
        published_at: new Date(),
        helpful_count: (start + i) % 5,
        unhelpful_count: (start + i) % 3,
      };
    });
    await db.insertInto("articles").values(rows).execute();
  }
}

const QUERIES: Array<{ kind: string; q: string; lang: "fr" | "en" }> = [
  { kind: "fr, every word", q: "livraisons retardées", lang: "fr" },
  { kind: "fr, every word", q: "colis abîmé", lang: "fr" },
  { kind: "en, every word", q: "refunds pending", lang: "en" },
  { kind: "en, every word", q: "damaged parcel", lang: "en" },
  { kind: "any word", q: "remboursement canapé introuvable xylophone", lang: "fr" },
  { kind: "typo (trigram)", q: "remboursment", lang: "fr" },
  { kind: "typo (trigram)", q: "warrenty", lang: "en" },
  { kind: "nothing found", q: "zzqx wvvk", lang: "fr" },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-"));
const env = loadEnv({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  PORT: "0",
  HOST: "127.0.0.1",
  RELAIS_DATA: dataDir,
  RELAIS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64"),
  RELAIS_ROLES: "web",
  ...(values.db === "postgres"
    ? {
        DATABASE_URL: await (async () => {
          await onServer(`create database "${benchDatabase}"`);
          return `postgres://postgres@127.0.0.1:5432/${benchDatabase}`;
        })(),
      }
    : {}),
});
const relais = await startRelais(env);
try {
  const { db } = relais.services;
  const account = await accountCreator(db, { slug: "bench", name: "Bench" });
  const other = await accountCreator(db, { slug: "other", name: "Other" });
  const seeded = performance.now();
  await seed(db, account.id, total);
  await seed(db, other.id, Math.round(total / 5));
  console.log(
    `seeded ${total} + ${Math.round(total / 5)} articles in ${((performance.now() - seeded) / 1000).toFixed(1)} s (${relais.services.database.kind})`,
  );

  const results: Record<string, { http: number[]; fn: number[]; hits: number }> = {};
  for (let round = 0; round < rounds + 3; round += 1) {
    for (const query of QUERIES) {
      if (!results[query.kind]) results[query.kind] = { http: [], fn: [], hits: 0 };
      const entry = results[query.kind] as { http: number[]; fn: number[]; hits: number };
      let started = performance.now();
      const response = await fetch(
        `${relais.url}/help/bench/api/search?q=${encodeURIComponent(query.q)}&lang=${query.lang}`,
      );
      const body = (await response.json()) as { data: unknown[] };
      const http = performance.now() - started;
      started = performance.now();
      await searchArticles(db, { accountId: account.id, q: query.q, locale: query.lang });
      const fn = performance.now() - started;
      if (round < 3) continue; // warm-up
      entry.http.push(http);
      entry.fn.push(fn);
      entry.hits = body.data.length;
    }
  }
  console.log(`\n${total} articles, ${rounds} rounds per query, milliseconds`);
  console.log("query kind            | http p50 | http p95 | search p50 | search p95 | hits");
  for (const [kind, entry] of Object.entries(results)) {
    const http = [...entry.http].sort((a, b) => a - b);
    const fn = [...entry.fn].sort((a, b) => a - b);
    console.log(
      `${kind.padEnd(21)} | ${percentile(http, 0.5).toFixed(1).padStart(8)} | ${percentile(http, 0.95).toFixed(1).padStart(8)} | ${percentile(fn, 0.5).toFixed(1).padStart(10)} | ${percentile(fn, 0.95).toFixed(1).padStart(10)} | ${entry.hits}`,
    );
  }
} finally {
  await relais.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (values.db === "postgres") await onServer(`drop database if exists "${benchDatabase}"`);
}
