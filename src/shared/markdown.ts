import MarkdownIt from "markdown-it";

/**
 * Help-centre Markdown, rendered the same way on the server (then sanitised by sanitize-html)
 * and in the editor's preview (then sanitised by DOMPurify): raw HTML off, so a `<script>` in
 * the text stays text; web addresses made links; the page's title is its one <h1>, so the
 * body's headings start at <h2>.
 */
export function articleMarkdown() {
  const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
  markdown.core.ruler.push("relais_shift_headings", (state) => {
    for (const token of state.tokens) {
      if (token.type === "heading_open" || token.type === "heading_close") {
        token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
      }
    }
    return true;
  });
  return markdown;
}
