import { z } from "zod";

export {
  type TNotification,
  ZNotification,
  ZNotificationListQuery,
  ZNotificationReadRequest,
} from "../../../../shared/notifications.ts";

export const ZNotificationListExtra = {
  nextCursor: z.string().optional(),
  unread: z.number().int(),
};

export const ZNotificationReadResponse = z.object({ unread: z.number().int() });
