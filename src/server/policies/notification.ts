import type { Actor } from "../auth/actor.ts";
import type { Owned } from "./index.ts";

/** Everyone reads their own notifications, and marks them read; nobody else's. */
const own = (actor: Actor, subject?: Owned & Record<string, unknown>) =>
  !subject || subject.user_id === actor.userId;

export const notificationRules = {
  "notification.read": own,
  "notification.markRead": own,
  /** Each agent chooses which of their own notifications ring and which are emailed. */
  "notification.settings": own,
};
