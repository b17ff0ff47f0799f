import type { NotificationKind } from "../../shared/notifications.ts";

type Params = Record<string, string | number>;
type Words = (params: Params) => string;

const pick = (params: Params, key: string) =>
  typeof params[key] === "string" && params[key] ? String(params[key]) : null;

/**
 * What an emailed notification says, in the agent's language (the web app words the same kinds
 * from the same params in src/web/i18n/features/agentAlerts.*.json).
 */
const WORDS: Record<"en" | "fr", Record<NotificationKind, Words>> = {
  en: {
    rule: (p) => pick(p, "text") ?? "A rule needs your attention",
    callback_due: (p) =>
      p.number ? `A callback is due now in conversation #${p.number}` : "A callback is due now",
    sla_warning: () => "An SLA clock is about to run out",
    sla_breached: () => "An SLA clock has run out",
    promise_broken: () => "A promise to a customer came due unkept",
    other: (p) => pick(p, "text") ?? "Something needs your attention",
    mention: (p) =>
      `${pick(p, "byName") ?? "A teammate"} mentioned you in conversation #${p.number}`,
    assigned: (p) =>
      pick(p, "byName")
        ? `${pick(p, "byName")} assigned conversation #${p.number} to you`
        : `Conversation #${p.number} was assigned to you`,
    customer_replied: (p) =>
      `${pick(p, "contactName") ?? "The customer"} replied in conversation #${p.number}`,
    reply_failed: (p) => `Your reply in conversation #${p.number} could not be sent`,
    survey_low_score: (p) => `Low survey score: ${p.scores ?? ""}`,
    approval_needed: (p) => `Approval needed: ${p.action ?? ""}`,
    listening_spike: (p) =>
      `Negative spike on “${p.query ?? ""}”: ${p.count ?? 0} negative mentions`,
  },
  fr: {
    rule: (p) => pick(p, "text") ?? "Une règle demande votre attention",
    callback_due: (p) =>
      p.number
        ? `Un rappel est à faire maintenant dans la conversation n° ${p.number}`
        : "Un rappel est à faire maintenant",
    sla_warning: () => "Un délai SLA est sur le point d’expirer",
    sla_breached: () => "Un délai SLA a expiré",
    promise_broken: () => "Une promesse faite à un client est échue sans être tenue",
    other: (p) => pick(p, "text") ?? "Quelque chose demande votre attention",
    mention: (p) =>
      `${pick(p, "byName") ?? "Un collègue"} vous a mentionné dans la conversation n° ${p.number}`,
    assigned: (p) =>
      pick(p, "byName")
        ? `${pick(p, "byName")} vous a attribué la conversation n° ${p.number}`
        : `La conversation n° ${p.number} vous a été attribuée`,
    customer_replied: (p) =>
      `${pick(p, "contactName") ?? "Le client"} a répondu dans la conversation n° ${p.number}`,
    reply_failed: (p) =>
      `Votre réponse dans la conversation n° ${p.number} n’a pas pu être envoyée`,
    survey_low_score: (p) => `Note d’enquête basse : ${p.scores ?? ""}`,
    approval_needed: (p) => `Validation demandée : ${p.action ?? ""}`,
    listening_spike: (p) =>
      `Pic négatif sur « ${p.query ?? ""} » : ${p.count ?? 0} mentions négatives`,
  },
};

export function notificationWords(
  locale: string | null | undefined,
  kind: NotificationKind,
  params: Params,
): string {
  return WORDS[locale === "en" ? "en" : "fr"][kind](params);
}

export const OPEN_LINK: Record<"en" | "fr", string> = {
  en: "Open it in Relais",
  fr: "L’ouvrir dans Relais",
};
