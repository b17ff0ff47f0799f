import type { Locale } from "../../shared/enums.ts";
import type { Story } from "../db/schema/stories.ts";

const WORDS: Record<Locale, { draft: string; published: (day: string) => string }> = {
  fr: {
    draft: "Conversation anonymisée — brouillon, pas encore publié.",
    published: (day) => `Conversation anonymisée, publiée le ${day}.`,
  },
  en: {
    draft: "Anonymised conversation — a draft, not yet published.",
    published: (day) => `Anonymised conversation, published on ${day}.`,
  },
};

/** A speaker at the start of a paragraph: "[Client 1] : " or "[Customer 1]: ". */
const SPEAKER = /^(\[[^\]\n]+\])( : |: )/;

/**
 * A story as a Markdown document: its title, summary, and the anonymised conversation with each
 * speaker in bold. What the messages say is kept as written: a line that Markdown would read as
 * a heading, a quote or a list is escaped, and line breaks within a message are kept.
 */
export function storyMarkdown(story: Story): string {
  const words = WORDS[story.locale];
  const status = story.published_at
    ? words.published(new Date(story.published_at).toISOString().slice(0, 10))
    : words.draft;
  const transcript = story.text
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map(escapeLine)
        .map((line, index) => (index === 0 ? line.replace(SPEAKER, "**$1**$2") : line))
        .join("  \n"),
    )
    .join("\n\n");
  const summary = story.summary.trim() ? `${story.summary.trim()}\n\n` : "";
  return `# ${escapeLine(story.title)}\n\n${summary}*${status}*\n\n---\n\n${transcript}\n`;
}

function escapeLine(line: string): string {
  return line.replace(/^(\s*)([#>*+-])(\s)/, "$1\\$2$3").replace(/^(\s*\d+)([.)])(\s)/, "$1\\$2$3");
}

/** The file name a story is saved under: its title in plain ASCII words. */
export function storyFilename(story: Story): string {
  const slug = story.title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `story-${slug || story.id}.md`;
}
