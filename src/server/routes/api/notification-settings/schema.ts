import { z } from "zod";
import {
  ZNotificationSetting,
  ZNotificationSettingsUpdate,
} from "../../../../shared/notifications.ts";

export { ZNotificationSettingsUpdate };

export const ZNotificationSettings = z.object({
  settings: z.array(ZNotificationSetting),
  emailAvailable: z
    .boolean()
    .describe("Whether the account has an email channel with an SMTP relay to send them through"),
});
