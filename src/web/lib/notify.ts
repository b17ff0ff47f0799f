import { notifications } from "@mantine/notifications";
import i18next from "i18next";
import { ApiError } from "./api.ts";

/**
 * An error in the agent's language when its id is a known one (the server writes its messages in
 * English), else the server's own message, which is written for people.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18next.t("errors.offline");
    const key = `errors.ids.${error.id}`;
    if (i18next.exists(key)) return i18next.t(key);
    return error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return i18next.t("errors.unknown");
}

export function notifyError(error: unknown): void {
  notifications.show({
    color: "red",
    title: i18next.t("errors.title"),
    message: describeError(error),
  });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: "teal", message, autoClose: 2500 });
}
