import type { Actor } from "../auth/actor.ts";
import type { Channel } from "../db/schema.ts";
import { setAcknowledgementEnabled } from "../models/acknowledgements.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Turns a channel's automatic acknowledgement on or off, audited with its event. */
export async function acknowledgementSetter(
  db: Parameters<typeof changeRecorder>[0],
  props: { actor: Actor; channel: Channel; enabled: boolean },
): Promise<void> {
  const { actor, channel, enabled } = props;
  await changeRecorder(db, {
    actor,
    action: "channel.acknowledgement",
    subjectType: "channel",
    write: async (trx) => {
      await setAcknowledgementEnabled(trx, actor.accountId, channel.id, enabled);
      return channel;
    },
    data: () => ({ enabled }),
    event: () => ({
      name: "channel.updated",
      payload: { channelId: channel.id, changes: ["acknowledgement"] },
    }),
  });
}
