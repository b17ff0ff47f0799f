import type { Actor } from "../auth/actor.ts";
import type { Owned } from "./index.ts";
import { anyone, isMember, isSupervisor } from "./roles.ts";

type Subject = (Owned & Record<string, unknown>) | undefined;

/**
 * Agents and supervisors mark a conversation as a story; supervisors and admins review and
 * publish it. The whole team reads drafts; a published story, anonymised, is read by everyone,
 * viewers included (the Reports screen shows the week's story). A draft may be deleted by
 * whoever made it, any story by a supervisor.
 */
export const storyRules = {
  "story.create": isMember,
  "story.read": (actor: Actor, subject?: Subject) =>
    isMember(actor) || subject?.status === "published",
  "story.readPublished": anyone,
  "story.publish": isSupervisor,
  "story.delete": (actor: Actor, subject?: Subject) =>
    isSupervisor(actor) ||
    (isMember(actor) && subject?.status === "draft" && subject.created_by_user_id === actor.userId),
};
