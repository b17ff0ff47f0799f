import type { WidgetApi } from "./api.ts";
import { el } from "./dom.ts";
import { type Locale, t } from "./i18n.ts";

/** Waits for a pause in typing before asking, so each word typed is not a request. */
const PAUSE_MS = 350;
const MIN_LENGTH = 4;

/**
 * Help-centre articles suggested above the composer as the visitor types, before and during a
 * conversation. Opening one opens the article's page in a new tab and tells Relais, so the
 * agent who answers sees what the visitor read.
 */
export function articleSuggestions(api: WidgetApi, locale: Locale, input: HTMLTextAreaElement) {
  const title = el(
    "p",
    { class: "suggestions-title", id: "relais-suggestions" },
    t(locale, "suggestions"),
  );
  const list = el("ul", { "aria-labelledby": "relais-suggestions" });
  const box = el("div", { class: "suggestions", hidden: "true" }, title, list);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = "";

  const clear = () => {
    clearTimeout(timer);
    asked = "";
    list.replaceChildren();
    box.hidden = true;
  };

  const suggest = async (q: string) => {
    asked = q;
    try {
      const hits = await api.articles(q, locale);
      if (asked !== q) return;
      list.replaceChildren(
        ...hits.map((hit) => {
          const link = el("a", { href: hit.url, target: "_blank", rel: "noopener" }, hit.title);
          link.addEventListener("click", () => {
            api.articleViewed(hit.id).catch(() => {});
          });
          return el("li", {}, link);
        }),
      );
      box.hidden = hits.length === 0;
    } catch {
      clear();
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < MIN_LENGTH) {
      clear();
      return;
    }
    if (q === asked) return;
    timer = setTimeout(() => void suggest(q), PAUSE_MS);
  });
  return { element: box, clear };
}
