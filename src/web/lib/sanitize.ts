import DOMPurify from "dompurify";

/**
 * Email HTML made inert: no scripts, no event handlers, no forms, frames or SVG, no styles that
 * could dress one part of the page up as another, links that open apart from the app and only to
 * web or mail addresses, and no remote images (they track the reader).
 */
const purify = DOMPurify(window);

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;
const SAFE_IMAGE = /^\/api\/v1\/attachments\/[0-9a-f-]+$/i;

purify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    const href = node.getAttribute("href")?.trim() ?? "";
    if (!SAFE_LINK.test(href)) node.removeAttribute("href");
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
  if (node.tagName === "IMG") {
    const src = node.getAttribute("src")?.trim() ?? "";
    if (!SAFE_IMAGE.test(src)) {
      node.removeAttribute("src");
      node.removeAttribute("srcset");
      node.setAttribute("data-blocked", "remote-image");
    }
  }
});

export function sanitizeEmailHtml(html: string): string {
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      "style",
      "form",
      "input",
      "button",
      "textarea",
      "select",
      "option",
      "iframe",
      "frame",
      "object",
      "embed",
      "base",
      "meta",
      "link",
      "svg",
      "math",
      "video",
      "audio",
      "source",
    ],
    FORBID_ATTR: ["style", "class", "id", "srcset", "formaction", "background"],
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}

/**
 * An article's preview in the editor, made inert as the public page is (sanitize-html on the
 * server): the tags Markdown produces, links and images to web addresses only, no handler.
 */
const articlePurify = DOMPurify(window);
articlePurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    const href = node.getAttribute("href")?.trim() ?? "";
    if (!SAFE_LINK.test(href)) node.removeAttribute("href");
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
  if (node.tagName === "IMG" && !/^https?:/i.test(node.getAttribute("src")?.trim() ?? "")) {
    node.removeAttribute("src");
  }
});

export function sanitizeArticleHtml(html: string): string {
  return articlePurify.sanitize(html, {
    ALLOWED_TAGS: [
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "p",
      "br",
      "hr",
      "blockquote",
      "pre",
      "code",
      "em",
      "strong",
      "s",
      "ul",
      "ol",
      "li",
      "a",
      "img",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
    ],
    ALLOWED_ATTR: ["href", "title", "src", "alt", "start", "target", "rel"],
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}
