/**
 * What Relais itself says to customers, in their language. Agents write everything else.
 * Keys are stable; add a language by adding a column.
 */
const STRINGS = {
  "reply.privateAcknowledgement": {
    fr: "Nous vous avons répondu en message privé. 📩",
    en: "We've sent you a private message. 📩",
  },
  "callback.confirmed": {
    fr: "C'est noté : nous vous appellerons le {when} (heure de {zone}) au {phone}. 📞",
    en: "All set: we'll call you on {when} ({zone} time) at {phone}. 📞",
  },
  "callback.cancelled": {
    fr: "Le rappel prévu le {when} (heure de {zone}) est annulé. Vous pouvez en demander un autre à tout moment.",
    en: "The call planned for {when} ({zone} time) is cancelled. You can ask for another one at any time.",
  },
  "callback.missed": {
    fr: "Nous avons essayé de vous appeler au {phone}, sans réussir à vous joindre. Voici d'autres créneaux (heure de {zone}) :\n{slots}\nRépondez avec celui qui vous convient, ou choisissez-en un avec « Être rappelé » dans le chat.",
    en: "We tried to call you at {phone} but couldn't reach you. Here are other times ({zone} time):\n{slots}\nReply with the one that suits you, or pick one with “Call me back” in the chat.",
  },
  "delay.notice": {
    fr: "Bonjour, nous préférons vous prévenir : votre commande {orders} aura du retard. Nouvelle date de livraison prévue : {date}. Raison : {reason}. Toutes nos excuses pour ce contretemps ; répondez à ce message pour toute question.",
    en: "Hello, we'd rather tell you first: your order {orders} will be late. New expected delivery date: {date}. Reason: {reason}. We're sorry for the delay; reply to this message with any question.",
  },
  "delay.reason.carrier": {
    fr: "un retard du transporteur",
    en: "a carrier delay",
  },
  "delay.reason.restock": {
    fr: "un article de votre commande attend son réapprovisionnement",
    en: "an item in your order is waiting to be restocked",
  },
  "promise.nextStep": {
    fr: "Prochaine étape : {step} — {when}",
    en: "Next step: {step} — {when}",
  },
  "promise.followUp": {
    fr: "Nous vous avions promis : {step} — {when}. Ce n'est pas encore fait, et nous vous prions de nous en excuser. Un conseiller vient d'être alerté et revient vers vous au plus vite.",
    en: "We promised you: {step} — {when}. It isn't done yet, and we're sorry. An agent has just been alerted and will get back to you as soon as possible.",
  },
  "promise.rescheduled": {
    fr: "Toutes nos excuses : nous ne pourrons pas tenir le délai annoncé. Nouvelle échéance : {step} — {when}",
    en: "We're sorry: we can't keep the time we gave you. New time: {step} — {when}",
  },
  "acknowledgement.open": {
    fr: "Bonjour, nous avons bien reçu votre message. Un conseiller vous répondra d'ici le {when}.",
    en: "Hello, we've received your message. An agent will answer you by {when}.",
  },
  "acknowledgement.closed": {
    fr: "Bonjour, nous avons bien reçu votre message. Notre équipe est fermée pour le moment : elle reprend le {opens}, et un conseiller vous répondra d'ici le {when}.",
    en: "Hello, we've received your message. Our team is closed right now: it's back on {opens}, and an agent will answer you by {when}.",
  },
  "idea.planned": {
    fr: "Bonjour, merci encore pour l'idée que vous nous avez donnée le {date} : « {title} ». Bonne nouvelle : elle est prévue, nous allons la réaliser.",
    en: "Hello, thank you again for the idea you gave us on {date}: “{title}”. Good news: it is planned, and we are going to build it.",
  },
  "idea.shipped": {
    fr: "Bonjour, l'idée que vous nous avez donnée le {date} (« {title} ») est désormais disponible. Merci de nous avoir aidés à nous améliorer !",
    en: "Hello, the idea you gave us on {date} (“{title}”) is now available. Thank you for helping us improve!",
  },
  "idea.declined": {
    fr: "Bonjour, merci pour l'idée que vous nous avez donnée le {date} (« {title} »). Nous l'avons étudiée avec attention et avons décidé de ne pas la réaliser pour le moment.",
    en: "Hello, thank you for the idea you gave us on {date} (“{title}”). We studied it carefully and decided not to build it for now.",
  },
} as const satisfies Record<string, { fr: string; en: string }>;

export type CustomerStringKey = keyof typeof STRINGS;

/** French or English: the customer's language when known, else the account's. */
export function customerLanguage(...candidates: Array<string | null | undefined>): "fr" | "en" {
  for (const candidate of candidates) {
    const base = candidate?.slice(0, 2).toLowerCase();
    if (base === "fr" || base === "en") return base;
  }
  return "en";
}

export function customerString(
  key: CustomerStringKey,
  language: "fr" | "en",
  values: Record<string, string> = {},
): string {
  return STRINGS[key][language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}

/**
 * A calendar date (`YYYY-MM-DD`) as the customer says it: « jeudi 10 décembre », "Thursday,
 * December 10"; the year only when it is not the current one. A delivery date is a day, not an
 * instant, so it is read in UTC and never shifts to the day before in a western time zone.
 */
export function customerDate(language: "fr" | "en", isoDate: string, now = new Date()): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (!year || !month || !day) return isoDate;
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-US", {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(year !== now.getUTCFullYear() ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(date);
}
