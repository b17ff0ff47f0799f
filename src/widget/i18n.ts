/** The widget's own words, in French and English. */
const STRINGS = {
  fr: {
    open: "Discuter avec nous",
    close: "Fermer",
    title: "Nous sommes là",
    greeting: "Bonjour ! Comment pouvons-nous vous aider ?",
    placeholder: "Écrivez votre message…",
    send: "Envoyer",
    surveyScores: "Votre note",
    you: "Vous",
    agent: "Conseiller",
    typing: "{name} écrit…",
    someone: "Quelqu'un",
    sending: "Envoi…",
    notSent: "Pas encore envoyé",
    reconnecting: "Connexion perdue, reconnexion…",
    offline:
      "Personne n'est disponible pour le moment. Laissez votre email : nous vous répondrons par email, dans la même conversation.",
    offlineNoEmail:
      "Personne n'est disponible pour le moment. Votre message est bien reçu : revenez sur cette page pour lire notre réponse.",
    away: "Pas de réponse tout de suite ? Laissez votre email et nous vous répondrons par email.",
    emailLabel: "Votre email",
    emailSave: "OK",
    emailSaved: "Merci : nous vous répondrons à {email}.",
    emailInvalid: "Cette adresse email n'est pas valide.",
    contactCallback: "Être rappelé",
    contactEmail: "Email",
    contactPhone: "Téléphone",
    callbackTitle: "Être rappelé",
    callbackPhone: "Votre numéro de téléphone",
    callbackZone: "Votre fuseau horaire",
    callbackChoose: "Choisissez un créneau (heure de {zone}) :",
    callbackNone: "Aucun créneau libre dans les prochains jours.",
    callbackConfirm: "Confirmer le rappel",
    callbackBack: "Retour à la conversation",
    callbackDone: "C'est noté : nous vous appellerons le {when}.",
    callbackError: "Ce créneau n'est plus disponible ou le numéro n'est pas valide.",
    loading: "Chargement…",
    suggestions: "Ces articles répondent peut-être à votre question :",
  },
  en: {
    open: "Chat with us",
    close: "Close",
    title: "We're here",
    greeting: "Hello! How can we help?",
    placeholder: "Write your message…",
    send: "Send",
    surveyScores: "Your score",
    you: "You",
    agent: "Agent",
    typing: "{name} is typing…",
    someone: "Someone",
    sending: "Sending…",
    notSent: "Not sent yet",
    reconnecting: "Connection lost, reconnecting…",
    offline:
      "Nobody is available right now. Leave your email: we'll answer by email, in this same conversation.",
    offlineNoEmail:
      "Nobody is available right now. Your message is safe with us: come back to this page to read our answer.",
    away: "No answer right away? Leave your email and we'll answer by email.",
    emailLabel: "Your email",
    emailSave: "OK",
    emailSaved: "Thank you: we'll answer at {email}.",
    emailInvalid: "This email address is not valid.",
    contactCallback: "Call me back",
    contactEmail: "Email",
    contactPhone: "Phone",
    callbackTitle: "Call me back",
    callbackPhone: "Your phone number",
    callbackZone: "Your time zone",
    callbackChoose: "Choose a time ({zone} time):",
    callbackNone: "No free time in the coming days.",
    callbackConfirm: "Confirm the callback",
    callbackBack: "Back to the conversation",
    callbackDone: "All set: we'll call you on {when}.",
    callbackError: "This time is no longer free or the number is not valid.",
    loading: "Loading…",
    suggestions: "These articles may answer your question:",
  },
} as const;

export type Locale = keyof typeof STRINGS;
export type StringKey = keyof (typeof STRINGS)["fr"];

export function pickLocale(given: string | null | undefined): Locale {
  const candidate = (given || navigator.language || "en").slice(0, 2).toLowerCase();
  return candidate === "fr" ? "fr" : "en";
}

export function t(locale: Locale, key: StringKey, values: Record<string, string> = {}): string {
  return STRINGS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}
