import { storyCreator } from "../../../commands/storyCreator.ts";
import { storyPublisher } from "../../../commands/storyPublisher.ts";
import { listStories } from "../../../models/stories.ts";
import { authorize } from "../../../policies/index.ts";
import { presentStory } from "../../../presenters/story.ts";
import { storyFilename, storyMarkdown } from "../../../stories/markdown.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineDeleteRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { type TStoryListQuery, ZStory, ZStoryCreateRequest, ZStoryListQuery } from "./schema.ts";

const tags = ["Stories"];

export const storyRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/story",
    summary:
      "Keep the conversation as a story (a draft): an anonymised copy — names, handles, emails, " +
      "phone numbers, order numbers and addresses replaced by stable placeholders",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZStoryCreateRequest,
    response: ZStory,
    status: 201,
    async handle({ services, actor, params, body }) {
      const conversation = await loadConversation(services.db, actor, "story.create", params.id);
      const story = await storyCreator(services.db, { actor, conversation, story: body });
      return { data: presentStory(story) };
    },
  }),

  defineRoute<undefined, TStoryListQuery>({
    method: "GET",
    url: "/api/v1/stories",
    summary:
      "The account's stories, newest first; `status=published` (readable by viewers too) or `draft`",
    tags,
    auth: "user",
    query: ZStoryListQuery,
    response: ZStory.array(),
    async handle({ services, actor, query }) {
      authorize(actor, query.status === "published" ? "story.readPublished" : "story.read");
      const rows = await listStories(services.db, actor.accountId, query);
      return { data: rows.map(presentStory) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/stories/:id",
    summary: "One story with its anonymised conversation",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZStory,
    async handle({ services, actor, params }) {
      const story = await loadAuthorized(services.db, actor, "story.read", "stories", params.id);
      return { data: presentStory(story) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/stories/:id/publish",
    summary: "Publish a reviewed story (supervisors and admins); publishing again changes nothing",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZStory,
    async handle({ services, actor, params }) {
      const story = await loadAuthorized(services.db, actor, "story.publish", "stories", params.id);
      return { data: presentStory(await storyPublisher(services.db, { actor, story })) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/stories/:id/export.md",
    summary: "A story as a Markdown file (title, summary, the anonymised conversation)",
    tags,
    auth: "user",
    params: ZIdParams,
    async handle({ services, actor, params, reply }) {
      const story = await loadAuthorized(services.db, actor, "story.read", "stories", params.id);
      reply
        .header("content-type", "text/markdown; charset=utf-8")
        .header("content-disposition", `attachment; filename="${storyFilename(story)}"`);
      return storyMarkdown(story);
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/stories/:id",
    summary: "Delete a story (supervisors and admins; an agent their own draft)",
    tags,
    action: "story.delete",
    table: "stories",
    subjectType: "story",
    event: (row) => ({ name: "story.deleted", payload: { storyId: row.id } }),
  }),
];
