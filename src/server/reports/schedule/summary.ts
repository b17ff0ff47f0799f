import { escapeHtml } from "../../channels/email/outbound.ts";
import type { Overview } from "../overview.ts";

/**
 * The e-mail a scheduled report sends: the key figures of the period, each beside the previous
 * period's with its trend, as HTML and plain text, in the schedule's language. The CSV of the
 * report is attached by the sender.
 */

type Language = "fr" | "en";

const WORDS = {
  fr: {
    subject: (report: string, period: string) => `Rapport ${report} — ${period}`,
    intro: (account: string, period: string) =>
      `Les chiffres clés de ${account} pour la période du ${period}, comparés à la période précédente.`,
    figure: "Indicateur",
    now: "Cette période",
    before: "Période précédente",
    trend: "Évolution",
    attached: "Le détail est joint au format CSV (UTF-8, ouvrable dans un tableur).",
    daily: "quotidien",
    weekly: "hebdomadaire",
    labels: {
      conversations: "Conversations",
      inboundMessages: "Messages reçus",
      outboundMessages: "Messages envoyés",
      firstResponseMedian: "Première réponse (médiane)",
      firstResponseP90: "Première réponse (p90)",
      unanswered: "Sans réponse",
      resolutionMedian: "Résolution (médiane)",
      resolved: "Résolues",
    },
    reports: {
      overview: "vue d'ensemble",
      volume: "volume",
      backlog: "en attente",
      agents: "agents",
      teams: "équipes",
      sentiment: "sentiment",
      categories: "catégories",
    } as Record<string, string>,
  },
  en: {
    subject: (report: string, period: string) => `${report} report — ${period}`,
    intro: (account: string, period: string) =>
      `The key figures of ${account} for ${period}, compared with the period before.`,
    figure: "Figure",
    now: "This period",
    before: "Previous period",
    trend: "Trend",
    attached: "The detail is attached as CSV (UTF-8, opens in any spreadsheet).",
    daily: "daily",
    weekly: "weekly",
    labels: {
      conversations: "Conversations",
      inboundMessages: "Messages received",
      outboundMessages: "Messages sent",
      firstResponseMedian: "First response (median)",
      firstResponseP90: "First response (p90)",
      unanswered: "Unanswered",
      resolutionMedian: "Resolution (median)",
      resolved: "Resolved",
    },
    reports: {
      overview: "Overview",
      volume: "Volume",
      backlog: "Backlog",
      agents: "Agents",
      teams: "Teams",
      sentiment: "Sentiment",
      categories: "Categories",
    } as Record<string, string>,
  },
} as const;

type FigureKey = keyof (typeof WORDS)["en"]["labels"];

interface Figure {
  key: FigureKey;
  now: number | null;
  before: number | null;
  kind: "count" | "duration";
  /** A rise is good news (more answered) or bad news (longer waits). */
  lowerIsBetter: boolean;
}

export function keyFigures(now: Overview, before: Overview): Figure[] {
  const count = (key: FigureKey, a: number, b: number, lowerIsBetter = false): Figure => ({
    key,
    now: a,
    before: b,
    kind: "count",
    lowerIsBetter,
  });
  const duration = (key: FigureKey, a: number | null, b: number | null): Figure => ({
    key,
    now: a,
    before: b,
    kind: "duration",
    lowerIsBetter: true,
  });
  return [
    count("conversations", now.conversations, before.conversations),
    count("inboundMessages", now.inboundMessages, before.inboundMessages),
    count("outboundMessages", now.outboundMessages, before.outboundMessages),
    duration(
      "firstResponseMedian",
      now.firstResponse.medianSeconds,
      before.firstResponse.medianSeconds,
    ),
    duration("firstResponseP90", now.firstResponse.p90Seconds, before.firstResponse.p90Seconds),
    count("unanswered", now.firstResponse.unanswered, before.firstResponse.unanswered, true),
    duration("resolutionMedian", now.resolution.medianSeconds, before.resolution.medianSeconds),
    count("resolved", now.resolution.count, before.resolution.count),
  ];
}

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h" (j in French). */
export function formatSeconds(seconds: number | null, language: Language): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, "0")} min`;
  return `${Math.floor(s / 86_400)} ${language === "fr" ? "j" : "d"} ${Math.round((s % 86_400) / 3600)} h`;
}

/** "▲ +12 %", "▼ −5 %", "=" or "—" when there is nothing to compare with. */
export function trend(figure: Figure, language: Language): { text: string; good: boolean | null } {
  if (figure.now === null || figure.before === null) return { text: "—", good: null };
  if (figure.now === figure.before) return { text: "=", good: null };
  const up = figure.now > figure.before;
  const good = up !== figure.lowerIsBetter;
  if (figure.before === 0) return { text: up ? "▲" : "▼", good };
  const percent = Math.round(((figure.now - figure.before) / figure.before) * 100);
  const number = new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", {
    signDisplay: "always",
  }).format(percent);
  return { text: `${up ? "▲" : "▼"} ${number} %`, good };
}

export interface SummaryInput {
  language: Language;
  accountName: string;
  report: string;
  cadence: "daily" | "weekly";
  /** The period in words, in the schedule's zone ("1 déc. 2026 – 8 déc. 2026"). */
  period: string;
  figures: Figure[];
}

export function reportMailSubject(input: SummaryInput): string {
  const words = WORDS[input.language];
  const name = words.reports[input.report] ?? input.report;
  return `Relais — ${words.subject(`${name} (${words[input.cadence]})`, input.period)}`;
}

function value(figure: Figure, which: number | null, language: Language): string {
  if (figure.kind === "duration") return formatSeconds(which, language);
  return which === null ? "—" : new Intl.NumberFormat(language).format(which);
}

export function reportMailText(input: SummaryInput): string {
  const words = WORDS[input.language];
  const lines = input.figures.map((figure) => {
    const label = words.labels[figure.key];
    const now = value(figure, figure.now, input.language);
    const before = value(figure, figure.before, input.language);
    return `- ${label} : ${now} (${words.before.toLowerCase()} ${before}, ${trend(figure, input.language).text})`;
  });
  return [words.intro(input.accountName, input.period), "", ...lines, "", words.attached].join(
    "\n",
  );
}

export function reportMailHtml(input: SummaryInput): string {
  const words = WORDS[input.language];
  const cell = "padding:6px 12px;border-bottom:1px solid #dee2e6;text-align:right";
  const rows = input.figures.map((figure) => {
    const change = trend(figure, input.language);
    const colour = change.good === null ? "#495057" : change.good ? "#087f5b" : "#c92a2a";
    return `<tr><th scope="row" style="padding:6px 12px;border-bottom:1px solid #dee2e6;text-align:left;font-weight:600">${escapeHtml(words.labels[figure.key])}</th><td style="${cell};font-weight:700">${escapeHtml(value(figure, figure.now, input.language))}</td><td style="${cell}">${escapeHtml(value(figure, figure.before, input.language))}</td><td style="${cell};color:${colour}">${escapeHtml(change.text)}</td></tr>`;
  });
  return `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(reportMailSubject(input))}</title></head><body style="font-family:system-ui,sans-serif;color:#212529">
<h1 style="font-size:20px">${escapeHtml(reportMailSubject(input))}</h1>
<p>${escapeHtml(words.intro(input.accountName, input.period))}</p>
<table style="border-collapse:collapse"><thead><tr><th scope="col" style="padding:6px 12px;text-align:left">${words.figure}</th><th scope="col" style="padding:6px 12px;text-align:right">${words.now}</th><th scope="col" style="padding:6px 12px;text-align:right">${words.before}</th><th scope="col" style="padding:6px 12px;text-align:right">${words.trend}</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
<p style="color:#495057">${escapeHtml(words.attached)}</p>
</body></html>`;
}
