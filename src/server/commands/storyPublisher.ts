import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Story } from "../db/schema/stories.ts";
import type { DB } from "../db/schema.ts";
import { updateOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Publishes a story a supervisor has reviewed: audited, with its event. Publishing it again
 * changes nothing (its first publication date stays).
 */
export async function storyPublisher(
  db: Kysely<DB>,
  props: { actor: Actor; story: Story },
): Promise<Story> {
  const { actor, story } = props;
  if (story.status === "published") return story;
  return changeRecorder(db, {
    actor,
    action: "story.publish",
    subjectType: "story",
    write: (trx) =>
      updateOwned(trx, "stories", actor.accountId, story.id, {
        status: "published",
        published_at: new Date(),
        published_by_user_id: actor.userId,
        updated_at: new Date(),
      }),
    event: (row) => ({ name: "story.published", payload: { storyId: row.id } }),
  });
}
