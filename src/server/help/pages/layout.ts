import type { HelpLocale, THelpCentreSettings } from "../../../shared/articles.ts";
import type { ContactOptions } from "../contact.ts";
import { DAY_NAMES, HELP_STRINGS, SOCIAL_NAMES } from "./strings.ts";

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

/** What every page of one account's help centre shares. */
export interface HelpPageContext {
  locale: HelpLocale;
  /** `/help/<account-slug>` (links) and the same with the public origin (canonical, hreflang). */
  base: string;
  absoluteBase: string;
  centreName: string;
  settings: THelpCentreSettings;
  contact: ContactOptions;
}

export interface PageHead {
  title: string;
  description: string;
  /** Path of this page (with its query) in each language, when it exists in that language. */
  alternates: Partial<Record<HelpLocale, string>>;
  canonical: string;
  /** The search box's current words. */
  q?: string;
  noindex?: boolean;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The header's text colour (white or black, whichever reads on the chosen colour, WCAG AA). */
export function colours(primary: string) {
  const lum = luminance(primary);
  const onPrimary = contrast(lum, 1) >= 4.5 ? "#ffffff" : "#111111";
  // Links on white use the colour when it is dark enough, else a dark blue.
  const link = contrast(lum, 1) >= 4.5 ? primary : "#1864ab";
  return { onPrimary, link };
}

function style(primary: string): string {
  const { onPrimary, link } = colours(primary);
  return `*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;line-height:1.6;background:#f8f9fa}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}a{color:${link}}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f59f00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#000;padding:.5rem 1rem;z-index:10}.skip:focus{left:.5rem}
.top{background:${primary};color:${onPrimary};padding:1rem 0}.top a{color:${onPrimary}}.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
.brand{font-size:1.25rem;font-weight:700;text-decoration:none;display:inline-flex;align-items:center;gap:.5rem}.brand img{max-height:2rem;width:auto}
.search{display:flex;gap:.5rem;margin-top:.75rem}.search label{position:absolute;left:-999px}.search input{flex:1;min-width:0;font:inherit;padding:.6rem .75rem;border:1px solid #868e96;border-radius:6px}
button,.button{font:inherit;padding:.55rem 1rem;border-radius:6px;border:1px solid #1a1b1e;background:#1a1b1e;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
.contact{background:#fff;border-bottom:1px solid #dee2e6}.contact .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:flex-start;padding-top:.75rem;padding-bottom:.75rem}
.contact-title{font-weight:700;margin:0;width:100%}.contact ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}.contact li{margin:0}
.contact .hours{display:block;font-size:.875rem;color:#495057}.contact button{padding:.3rem .75rem;font-size:.95rem}
.link-button{background:none;border:0;color:${link};padding:0;text-decoration:underline;cursor:pointer}
main.wrap{padding:1.5rem 1rem 3rem}h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem;padding:0;list-style:none}.card{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:1rem}
.card h2{margin-top:0}.list{padding-left:1.25rem}.excerpt{color:#495057;margin:.25rem 0 1rem}
article{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:1rem 1.25rem}article img{max-width:100%;height:auto}article pre{overflow-x:auto;background:#f1f3f5;padding:.75rem;border-radius:6px}
article table{border-collapse:collapse;display:block;overflow-x:auto}article th,article td{border:1px solid #ced4da;padding:.3rem .6rem}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem}.crumbs li+li::before{content:"›";margin-right:.25rem;color:#495057}
.meta{color:#495057;font-size:.9rem}.feedback{margin-top:1.5rem;background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:1rem}
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;padding:0}.choices{display:flex;gap:.5rem;margin:.5rem 0}
textarea{width:100%;min-height:4.5rem;font:inherit;padding:.5rem;border:1px solid #868e96;border-radius:6px}.notice{background:#e7f5ff;border-radius:6px;padding:.75rem 1rem}
footer{color:#495057;font-size:.875rem;padding:1rem}@media (max-width:40rem){h1{font-size:1.45rem}.contact ul{flex-direction:column;gap:.4rem}}`;
}

function hoursText(context: HelpPageContext): string {
  const phone = context.contact.phone;
  if (!phone) return "";
  const strings = HELP_STRINGS[context.locale];
  const names = DAY_NAMES[context.locale];
  // Consecutive days with the same hours read as one span: "Mon–Fri 09:00–18:00".
  const spans: Array<{ from: string; to: string; hours: string }> = [];
  for (const day of phone.hours.days) {
    if (day.ranges.length === 0) continue;
    const hours = day.ranges.map(([from, to]) => `${from}–${to}`).join(", ");
    const last = spans.at(-1);
    const previous = phone.hours.days[phone.hours.days.indexOf(day) - 1];
    if (last && last.hours === hours && previous && names[previous.day] === last.to) {
      last.to = names[day.day] ?? day.day;
    } else {
      spans.push({ from: names[day.day] ?? day.day, to: names[day.day] ?? day.day, hours });
    }
  }
  const text = spans
    .map((span) => `${span.from === span.to ? span.from : `${span.from}–${span.to}`} ${span.hours}`)
    .join(" · ");
  return `<span class="hours">${strings.hours}${strings.colon}${escapeHtml(text || strings.closed)} (${escapeHtml(phone.hours.timeZone)})</span>`;
}

/** The ways to reach a person: on every page, right under the header, never behind a search. */
export function contactBox(context: HelpPageContext): string {
  const strings = HELP_STRINGS[context.locale];
  const { contact } = context;
  const items: string[] = [];
  if (contact.chat) {
    items.push(
      `<li class="contact-chat"><button type="button" data-relais-open="chat">${strings.chat}</button></li>`,
    );
  }
  if (contact.email) {
    items.push(
      `<li class="contact-email">${strings.email}${strings.colon}<a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a></li>`,
    );
  }
  if (contact.phone) {
    const callback = contact.chat?.callback
      ? ` <button type="button" class="link-button" data-relais-open="callback">${strings.callback}</button>`
      : "";
    const number = contact.phone.number;
    items.push(
      `<li class="contact-phone">${strings.phone}${strings.colon}<a href="tel:${escapeHtml(number.replace(/[^+\d]/g, ""))}">${escapeHtml(number)}</a>${callback}${hoursText(context)}</li>`,
    );
  }
  for (const link of contact.social) {
    items.push(
      `<li class="contact-social"><a href="${escapeHtml(link.url)}" rel="noopener me">${escapeHtml(SOCIAL_NAMES[link.kind] ?? link.kind)}</a></li>`,
    );
  }
  if (items.length === 0) return "";
  return `<aside class="contact" id="contact" aria-label="${strings.contact}"><div class="wrap"><p class="contact-title">${strings.contact}</p><ul>${items.join("")}</ul></div></aside>`;
}

/** A whole page: head for search engines, header with search, contact options, content. */
export function layout(context: HelpPageContext, head: PageHead, content: string): string {
  const { locale, base, absoluteBase, settings } = context;
  const strings = HELP_STRINGS[locale];
  const other: HelpLocale = locale === "fr" ? "en" : "fr";
  const alternates = (Object.entries(head.alternates) as Array<[HelpLocale, string]>)
    .map(
      ([lang, path]) =>
        `<link rel="alternate" hreflang="${lang}" href="${escapeHtml(absoluteBase + path)}">`,
    )
    .join("");
  const otherPath = head.alternates[other] ?? `?lang=${other}`;
  const logo = settings.logoUrl ? `<img src="${escapeHtml(settings.logoUrl)}" alt="">` : "";
  const widget = context.contact.chat
    ? `<script src="/widget.js" data-channel="${context.contact.chat.channelId}" data-locale="${locale}" async></script>`
    : "";
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(head.title)}</title><meta name="description" content="${escapeHtml(head.description)}">
<link rel="canonical" href="${escapeHtml(absoluteBase + head.canonical)}">${alternates}${head.noindex ? '<meta name="robots" content="noindex">' : ""}
<style>${style(settings.primaryColour)}</style></head><body>
<a class="skip" href="#content">${strings.skip}</a>
<header class="top"><div class="wrap"><div class="bar"><a class="brand" href="${base}?lang=${locale}">${logo}<span>${escapeHtml(context.centreName)}</span></a>
<nav aria-label="${strings.language}"><a href="${escapeHtml(base + otherPath)}" hreflang="${other}" lang="${other}">${strings.otherLanguage}</a></nav></div>
<form class="search" role="search" action="${base}/search" method="get"><label for="help-q">${strings.searchLabel}</label><input id="help-q" name="q" type="search" value="${escapeHtml(head.q ?? "")}" placeholder="${strings.searchPlaceholder}" maxlength="200"><input type="hidden" name="lang" value="${locale}"><button type="submit">${strings.search}</button></form></div></header>
${contactBox(context)}
<main id="content" class="wrap" tabindex="-1">${content}</main>
<footer class="wrap">${escapeHtml(context.centreName)}</footer>${widget}</body></html>`;
}
