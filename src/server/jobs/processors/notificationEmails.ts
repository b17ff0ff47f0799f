import { NOTIFICATION_KINDS, type NotificationKind } from "../../../shared/notifications.ts";
import { publicUrl } from "../../env.ts";
import { emailRecipients } from "../../models/notificationSettings.ts";
import { notificationMailer, sendNotificationMail } from "../../notifications/mail.ts";
import { notificationWords, OPEN_LINK } from "../../notifications/wording.ts";
import type { Services } from "../../services.ts";
import type { Processor } from "../processor.ts";

const KINDS: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);

/** Whom a stored notification is for: the agents it names, else its team, else every agent. */
async function recipientsOf(
  services: Services,
  accountId: string,
  row: { user_ids: string[]; team_id: string | null },
): Promise<string[]> {
  if (row.user_ids.length > 0) return row.user_ids;
  const query = services.db
    .selectFrom("users")
    .select("users.id")
    .where("users.account_id", "=", accountId)
    .where("users.role", "<>", "viewer")
    .where("users.disabled_at", "is", null);
  const users = row.team_id
    ? await query
        .innerJoin("team_members as m", (join) =>
          join.onRef("m.account_id", "=", "users.account_id").onRef("m.user_id", "=", "users.id"),
        )
        .where("m.team_id", "=", row.team_id)
        .execute()
    : await query.execute();
  return users.map((user) => user.id);
}

/**
 * A notification also goes by email to those of its agents who asked for its kind by email
 * (notification settings), in each one's language, through the account's email channel. Each
 * email is remembered before it is sent, so a job run twice sends it once; a send that may be
 * retried forgets it and fails the job, which the queue runs again.
 */
export const notificationEmailsProcessor: Processor = {
  name: "notification-emails",
  events: ["notification.created"],
  async handle(services, event) {
    const id = event.payload.notificationId;
    if (typeof id !== "string" || !id) return;
    const row = await services.db
      .selectFrom("notifications")
      .select(["id", "kind", "user_ids", "team_id", "payload"])
      .where("account_id", "=", event.accountId)
      .where("id", "=", Number(id))
      .executeTakeFirst();
    if (!row || !KINDS.has(row.kind)) return;
    const wanted = await emailRecipients(
      services.db,
      event.accountId,
      row.kind,
      await recipientsOf(services, event.accountId, row),
    );
    if (wanted.length === 0) return;
    const mailer = await notificationMailer(services, event.accountId);
    if (!mailer) {
      services.log.warn({ accountId: event.accountId }, "no email channel for notifications");
      return;
    }
    const payload = row.payload as Record<string, unknown>;
    const conversationId =
      typeof payload.conversationId === "string" ? payload.conversationId : null;
    const conversation = conversationId
      ? await services.db
          .selectFrom("conversations")
          .select("number")
          .where("account_id", "=", event.accountId)
          .where("id", "=", conversationId)
          .executeTakeFirst()
      : undefined;
    const params = {
      ...(conversation ? { number: conversation.number } : {}),
      ...(typeof payload.text === "string" ? { text: payload.text } : {}),
      ...((payload.params as Record<string, string | number> | undefined) ?? {}),
    };
    for (const user of wanted) {
      const claimed = await services.db
        .insertInto("notification_emails")
        .values({ account_id: event.accountId, notification_id: row.id, user_id: user.id })
        .onConflict((oc) => oc.doNothing())
        .returning("user_id")
        .executeTakeFirst();
      if (!claimed) continue;
      const locale = user.locale === "en" ? "en" : "fr";
      const result = await sendNotificationMail(
        mailer,
        {
          to: user.email,
          subject: notificationWords(locale, row.kind as NotificationKind, params),
          link: conversationId ? `${publicUrl(services.env)}/inbox/all/${conversationId}` : null,
          linkText: OPEN_LINK[locale],
          messageId: `<relais.notification.${event.accountId}.${row.id}.${user.id}@${
            mailer.config.address.split("@")[1] ?? "relais.invalid"
          }>`,
        },
        services.env.RELAIS_HTTP_TIMEOUT_MS,
      );
      if (result.ok) continue;
      services.log.warn(
        { accountId: event.accountId, reason: result.reason },
        "notification email",
      );
      if (result.retryable) {
        await services.db
          .deleteFrom("notification_emails")
          .where("account_id", "=", event.accountId)
          .where("notification_id", "=", row.id)
          .where("user_id", "=", user.id)
          .execute();
        throw new Error(`Notification email not sent: ${result.reason}`);
      }
    }
  },
};
