import sanitizeHtml from "sanitize-html";

/**
 * What of a customer's HTML mail may reach an agent's browser: formatting, links and tables;
 * no scripts, styles, forms, frames or event handlers; links only to http(s), mailto and tel;
 * images only from the message itself (`cid:`, rewritten to Relais' attachment URL once the
 * files are stored) or https (plain-http tracking pixels are dropped). The classes mail
 * programs put on quoted history stay, so the web app can fold it.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "style"),
    "img",
    "font",
    "center",
    "u",
    "s",
    "del",
    "ins",
  ],
  allowedAttributes: {
    a: ["href", "name", "title", "target", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    blockquote: ["type", "cite"],
    font: ["color", "size", "face"],
    table: ["width", "border", "cellpadding", "cellspacing", "align"],
    td: ["colspan", "rowspan", "align", "valign", "width"],
    th: ["colspan", "rowspan", "align", "valign", "width"],
    "*": ["dir", "lang", "align", "class"],
  },
  allowedClasses: {
    "*": [
      "gmail_quote",
      "gmail_attr",
      "gmail_signature",
      "moz-cite-prefix",
      "moz-signature",
      "OutlookMessageHeader",
      "yahoo_quoted",
    ],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["https", "cid"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Plain text of an HTML fragment (for mail that has no text part). */
export function htmlToPlainText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, "\n");
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
