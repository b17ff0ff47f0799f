/** The words for a reason the server gives (it stores them in English, for the logs). */
export function reasonKey(reason: string): string {
  if (reason === "unreadable message") return "emailQuarantine.reasons.unreadable";
  return "emailQuarantine.reasons.noSender";
}
