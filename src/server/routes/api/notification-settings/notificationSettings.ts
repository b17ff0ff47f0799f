import { notificationSettingsSaver } from "../../../commands/notificationSettingsSaver.ts";
import { notificationSettingsOf } from "../../../models/notificationSettings.ts";
import { hasNotificationMailer } from "../../../notifications/mail.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute } from "../../route.ts";
import { ZNotificationSettings, ZNotificationSettingsUpdate } from "./schema.ts";

const tags = ["Notifications"];

/** The signed-in agent's own choices: which notifications ring in the app, which are emailed. */
export const notificationSettingsRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/me/notification-settings",
    summary: "Per kind of notification: whether it rings in the app and whether it is emailed",
    tags,
    auth: "user",
    response: ZNotificationSettings,
    async handle({ services, actor }) {
      authorize(actor, "notification.settings");
      return {
        data: {
          settings: await notificationSettingsOf(services.db, actor.accountId, actor.userId),
          emailAvailable: await hasNotificationMailer(services, actor.accountId),
        },
      };
    },
  }),

  defineRoute({
    method: "PUT",
    url: "/api/v1/me/notification-settings",
    summary: "Change the agent's own notification settings (the kinds given; others unchanged)",
    tags,
    auth: "user",
    body: ZNotificationSettingsUpdate,
    response: ZNotificationSettings,
    async handle({ services, actor, body }) {
      authorize(actor, "notification.settings");
      return {
        data: {
          settings: await notificationSettingsSaver(services, { actor, settings: body.settings }),
          emailAvailable: await hasNotificationMailer(services, actor.accountId),
        },
      };
    },
  }),
];
