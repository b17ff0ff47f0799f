import type { TFunction } from "i18next";

/**
 * The words of a notification the server keeps as structured data (a mention: who, which
 * conversation), in the reader's language; null for the kinds worded elsewhere.
 */
export function structuredNotificationText(
  t: TFunction,
  kind: string | undefined,
  params: Record<string, string | number> | undefined,
): string | null {
  if (kind === "listening_spike") {
    return t("listening.spikeNotification", {
      query: params?.query ?? "",
      count: params?.count ?? 0,
    });
  }
  if (kind !== "mention") return null;
  const name = typeof params?.byName === "string" && params.byName ? params.byName : null;
  const number = params?.number;
  return number === undefined
    ? t("mentions.notificationNoNumber", { name: name ?? t("mentions.someone") })
    : t("mentions.notification", { name: name ?? t("mentions.someone"), number });
}
