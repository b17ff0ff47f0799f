import type { TFunction } from "i18next";
import type { EventPayload } from "../../shared/events.ts";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../shared/notifications.ts";

type Params = Record<string, string | number> | undefined;

const KINDS: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);

const name = (params: Params, key: string) =>
  typeof params?.[key] === "string" && params[key] ? (params[key] as string) : null;

/**
 * A notification's words in the reader's language, from its kind and params (the server stores
 * no sentence, only a rule's own text, which the caller shows as written).
 */
export function structuredNotificationText(
  t: TFunction,
  kind: string | undefined,
  params: Params,
): string {
  const number = params?.number;
  const known = (kind && KINDS.has(kind) ? kind : "other") as NotificationKind;
  switch (known) {
    case "mention": {
      const who = name(params, "byName") ?? t("mentions.someone");
      return number === undefined
        ? t("mentions.notificationNoNumber", { name: who })
        : t("mentions.notification", { name: who, number });
    }
    case "assigned": {
      const by = name(params, "byName");
      return by
        ? t("notificationKinds.assigned", { name: by, number })
        : t("notificationKinds.assignedBySystem", { number });
    }
    case "customer_replied": {
      const who = name(params, "contactName");
      return who
        ? t("notificationKinds.customer_replied", { name: who, number })
        : t("notificationKinds.customer_repliedNoName", { number });
    }
    case "callback_due":
      return number === undefined
        ? t("notificationKinds.callback_due")
        : t("notificationKinds.callback_dueIn", { number });
    case "listening_spike":
      return t("listening.spikeNotification", {
        query: params?.query ?? "",
        count: params?.count ?? 0,
      });
    case "reply_failed":
    case "survey_low_score":
    case "approval_needed":
      return t(`notificationKinds.${known}`, { ...params });
    default:
      return t(`notificationKinds.${known}`);
  }
}

/** The kind of a live `notification.created` payload, as the server's list would name it. */
export function liveNotificationKind(payload: EventPayload): NotificationKind {
  if (payload.notificationKind && KINDS.has(payload.notificationKind)) {
    return payload.notificationKind as NotificationKind;
  }
  if (payload.ruleId) return "rule";
  const changes = payload.changes ?? [];
  if (changes.includes("callback.due")) return "callback_due";
  if (changes.includes("sla.warning")) return "sla_warning";
  if (changes.includes("sla.breached")) return "sla_breached";
  if (changes.includes("promise.broken")) return "promise_broken";
  if (changes.includes("survey.low_score")) return "survey_low_score";
  return "other";
}
