import { describe, expect, it } from "vitest";
import type { Story } from "../db/schema/stories.ts";
import { storyFilename, storyMarkdown } from "./markdown.ts";

const story: Story = {
  account_id: "a",
  id: "6d1f0c1e-0000-4000-8000-000000000001",
  conversation_id: null,
  title: "Élan : l'écran réparé",
  summary: "",
  status: "draft",
  locale: "en",
  text: "[Customer 1]: # not a heading\n- nor a list\n1. nor this\n\n[Agent 1]: > nor a quote",
  created_by_user_id: null,
  published_by_user_id: null,
  published_at: null,
  created_at: new Date("2026-12-01T10:00:00Z"),
  updated_at: new Date("2026-12-01T10:00:00Z"),
};

describe("storyMarkdown", () => {
  it("keeps what customers wrote as text, not as Markdown, line breaks included", () => {
    expect(storyMarkdown(story)).toBe(
      "# Élan : l'écran réparé\n\n*Anonymised conversation — a draft, not yet published.*\n\n---\n\n" +
        "**[Customer 1]**: # not a heading  \n\\- nor a list  \n1\\. nor this\n\n" +
        "**[Agent 1]**: > nor a quote\n",
    );
  });

  it("names the file after the title in plain ASCII, or the id when nothing is left", () => {
    expect(storyFilename(story)).toBe("story-elan-l-ecran-repare.md");
    expect(storyFilename({ ...story, title: "«»" })).toBe(`story-${story.id}.md`);
  });
});
