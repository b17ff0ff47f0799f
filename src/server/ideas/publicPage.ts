import type { IdeaStatus } from "../../shared/ideas.ts";
import { escapeHtml } from "../channels/email/outbound.ts";

export type PageLanguage = "fr" | "en";

const STRINGS = {
  fr: {
    title: "Les idées de nos clients",
    intro:
      "Les idées que nos clients nous ont données, et ce que nous en faisons. Merci à chacune et chacun !",
    none: "Aucune idée publiée pour le moment.",
    votes: (n: number) => (n <= 1 ? `${n} client` : `${n} clients`),
    votesLabel: "Clients qui l'ont proposée",
    other: "English",
    notFound: "Cette page est introuvable.",
    status: {
      new: "Nouvelle",
      under_review: "À l'étude",
      planned: "Prévue",
      in_progress: "En cours",
      shipped: "Disponible",
      declined: "Non retenue",
    },
  },
  en: {
    title: "Ideas from our customers",
    intro: "The ideas our customers gave us, and what we are doing with them. Thank you all!",
    none: "No ideas published yet.",
    votes: (n: number) => (n === 1 ? "1 customer" : `${n} customers`),
    votesLabel: "Customers who suggested it",
    other: "Français",
    notFound: "This page cannot be found.",
    status: {
      new: "New",
      under_review: "Under review",
      planned: "Planned",
      in_progress: "In progress",
      shipped: "Available",
      declined: "Declined",
    },
  },
} as const;

/** The order of the page's sections: what is coming and what came first. */
const SECTIONS: readonly IdeaStatus[] = [
  "in_progress",
  "planned",
  "shipped",
  "under_review",
  "new",
  "declined",
];

const STYLE = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem;color:#1a1b1e;line-height:1.5;background:#f8f9fa}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}h1{margin:.25rem 0;font-size:1.75rem}
.lang{color:#1864ab}h2{font-size:1.125rem;margin:2rem 0 .75rem;color:#343a40}ul{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
li{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:.875rem 1rem}.idea{display:flex;justify-content:space-between;gap:1rem;align-items:flex-start}
h3{font-size:1rem;margin:0}p.desc{margin:.375rem 0 0;color:#495057;white-space:pre-line}
.votes{flex:none;text-align:center;font-size:.8125rem;color:#495057;min-width:4.5rem}.votes strong{display:block;font-size:1.25rem;color:#1a1b1e}
.badge{display:inline-block;font-size:.75rem;font-weight:600;border-radius:999px;padding:.125rem .5rem;margin-left:.5rem;vertical-align:middle;background:#e7f5ff;color:#1864ab}
.badge.shipped{background:#ebfbee;color:#2b8a3e}.badge.declined{background:#f1f3f5;color:#495057}.badge.in_progress,.badge.planned{background:#fff4e6;color:#a34a00}`;

function layout(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface PublicIdea {
  title: string;
  description: string;
  status: IdeaStatus;
  votes: number;
}

/**
 * The account's public ideas page: what each idea is, its status and how many customers gave it
 * — never who. Plain HTML, no script, readable on a phone.
 */
export function publicIdeasPage(props: {
  language: PageLanguage;
  company: string;
  path: string;
  ideas: PublicIdea[];
}): string {
  const strings = STRINGS[props.language];
  const other: PageLanguage = props.language === "fr" ? "en" : "fr";
  const sections = SECTIONS.map((status) => {
    const ideas = props.ideas.filter((idea) => idea.status === status);
    if (ideas.length === 0) return "";
    const items = ideas
      .map(
        (idea) =>
          `<li><div class="idea"><div><h3>${escapeHtml(idea.title)}</h3>${idea.description ? `<p class="desc">${escapeHtml(idea.description)}</p>` : ""}</div><p class="votes" aria-label="${strings.votesLabel}: ${idea.votes}"><strong>${idea.votes}</strong>${strings.votes(idea.votes).replace(/^\d+ /, "")}</p></div></li>`,
      )
      .join("");
    return `<section aria-labelledby="s-${status}"><h2 id="s-${status}">${strings.status[status]}<span class="badge ${status}">${ideas.length}</span></h2><ul>${items}</ul></section>`;
  }).join("");
  const title = `${strings.title} — ${props.company}`;
  return layout(
    props.language,
    title,
    `<header><h1>${escapeHtml(title)}</h1><a class="lang" href="${escapeHtml(props.path)}?lang=${other}" lang="${other}" hreflang="${other}">${strings.other}</a></header><p>${strings.intro}</p>${sections || `<p>${strings.none}</p>`}`,
  );
}

export function publicIdeasNotFound(language: PageLanguage): string {
  return layout(language, STRINGS[language].notFound, `<h1>${STRINGS[language].notFound}</h1>`);
}
