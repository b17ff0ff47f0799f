import type { Category } from "../../../../shared/enums.ts";
import { datasetPath, loadExamples } from "../../../triage/examples.ts";
import type { Random } from "./random.ts";

export type Language = "fr" | "en";
export type SentimentLabel = "negative" | "neutral" | "positive";

export interface Opening {
  text: string;
  category: Category;
  sentiment: SentimentLabel;
}

/**
 * What the scale demo's customers write: the labelled triage training messages (data/triage),
 * by language, with the agents' answers and the customers' follow-ups below.
 */
export function loadOpenings(): Record<Language, Opening[]> {
  const openings: Record<Language, Opening[]> = { fr: [], en: [] };
  for (const example of loadExamples(datasetPath("train"))) {
    if (example.language !== "fr" && example.language !== "en") continue;
    openings[example.language].push({
      text: example.text,
      category: example.category,
      sentiment: example.sentiment,
    });
  }
  return openings;
}

export const FIRST_NAMES: Record<Language, readonly string[]> = {
  fr: [
    "Élodie",
    "Camille",
    "Julien",
    "Léa",
    "Hugo",
    "Chloé",
    "Louis",
    "Manon",
    "Nathan",
    "Inès",
    "Thomas",
    "Sarah",
    "Lucas",
    "Emma",
    "Antoine",
    "Juliette",
    "Maxime",
    "Clara",
    "Théo",
    "Zoé",
    "Nicolas",
    "Pauline",
    "Mathieu",
    "Céline",
    "Amandine",
    "Rémi",
    "Aurélie",
    "Benoît",
    "Gaëlle",
  ],
  en: [
    "James",
    "Olivia",
    "Liam",
    "Emily",
    "Noah",
    "Sophie",
    "Oliver",
    "Grace",
    "Jack",
    "Chloe",
    "Harry",
    "Amelia",
    "George",
    "Isla",
    "Ethan",
    "Mia",
    "Daniel",
    "Ava",
    "Ryan",
    "Ella",
    "Michael",
    "Hannah",
    "David",
    "Lucy",
    "Samuel",
    "Megan",
    "Thomas",
    "Jessica",
    "Owen",
  ],
};

export const LAST_NAMES: Record<Language, readonly string[]> = {
  fr: [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
  ],
  en: [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Evans",
  ],
};

const GREETINGS: Record<Language, readonly string[]> = {
  fr: [
    "Bonjour {name},",
    "Bonjour {name}, merci pour votre message.",
    "Bonsoir {name},",
    "{name},",
  ],
  en: [
    "Hi {name},",
    "Hello {name}, thanks for reaching out.",
    "Dear {name},",
    "Hi {name}, thanks for your message.",
  ],
};

const ANSWERS: Record<Language, readonly string[]> = {
  fr: [
    "je suis désolée pour ce désagrément. Je regarde votre commande {order} tout de suite.",
    "j'ai vérifié auprès du transporteur : votre colis sera livré d'ici {days} jours ouvrés.",
    "je vous envoie un produit de remplacement dès aujourd'hui, sans frais.",
    "pouvez-vous m'envoyer une photo du produit et de l'emballage ? Je lance l'échange ensuite.",
    "le remboursement de {amount} € est validé, vous le verrez sous 3 à 5 jours.",
    "voici la marche à suivre : maintenez le bouton deux secondes, puis choisissez le mode manuel.",
    "ce modèle n'est pas compatible avec votre appareil ; je vous propose la version {model}.",
    "merci pour cette idée, je la transmets à l'équipe produit.",
    "je vous rappelle demain à {hour} h pour faire le point ensemble.",
    "votre compte est débloqué, vous pouvez vous reconnecter.",
  ],
  en: [
    "I'm sorry about this. I'm looking at order {order} right now.",
    "I checked with the carrier: your parcel will arrive within {days} working days.",
    "I'm sending you a replacement today, free of charge.",
    "could you send me a photo of the product and the box? I'll start the exchange then.",
    "the refund of {amount} € is approved; you'll see it within 3 to 5 days.",
    "here is how to do it: hold the button for two seconds, then choose manual mode.",
    "this model doesn't fit your device; I suggest the {model} version instead.",
    "thanks for the idea, I'm passing it on to the product team.",
    "I'll call you back tomorrow at {hour}:00 to go through it together.",
    "your account is unlocked, you can sign in again.",
  ],
};

const SIGN_OFFS: Record<Language, readonly string[]> = {
  fr: ["Bonne journée,", "Belle soirée,", "À bientôt,", "Cordialement,"],
  en: ["Have a good day,", "Best regards,", "Speak soon,", "Kind regards,"],
};

const FOLLOW_UPS: Record<Language, readonly string[]> = {
  fr: [
    "Merci beaucoup !",
    "Toujours rien reçu…",
    "D'accord, j'attends alors.",
    "Voici la photo demandée.",
    "C'est bon, ça marche maintenant, merci !",
    "Et pour la commande {order} ?",
    "Super, merci pour votre réactivité.",
    "Je n'ai pas reçu le mail de confirmation.",
    "Vous pouvez me rappeler plutôt l'après-midi ?",
    "Parfait 👍",
  ],
  en: [
    "Thanks a lot!",
    "Still nothing here…",
    "OK, I'll wait then.",
    "Here is the photo you asked for.",
    "All good, it works now, thanks!",
    "What about order {order}?",
    "Great, thanks for the quick answer.",
    "I didn't get the confirmation email.",
    "Could you call me in the afternoon instead?",
    "Perfect 👍",
  ],
};

const NOTES: Record<Language, readonly string[]> = {
  fr: [
    "Client fidèle, geste commercial accordé.",
    "Vérifier le stock avant de promettre une date.",
    "Transporteur relancé.",
  ],
  en: [
    "Loyal customer, goodwill gesture granted.",
    "Check stock before promising a date.",
    "Carrier chased.",
  ],
};

const MODELS = ["Lumière S", "Lumière Pro", "Aube 2", "Nox mini", "Zénith XL"];

function fill(template: string, random: Random, name: string): string {
  return template
    .replace("{name}", name)
    .replace("{order}", `CMD-${10_000 + random.int(90_000)}`)
    .replace("{days}", String(2 + random.int(5)))
    .replace("{amount}", String(10 + random.int(290)))
    .replace("{model}", random.pick(MODELS))
    .replace("{hour}", String(9 + random.int(9)));
}

/** The customer's first message: a training message with its numbers varied, sometimes framed. */
export function customerOpening(random: Random, opening: Opening, language: Language): string {
  let text = opening.text.replace(/\d{4,}/g, () => String(10_000 + random.int(90_000)));
  if (random.chance(0.15)) text = `${language === "fr" ? "Bonjour," : "Hello,"} ${text}`;
  if (random.chance(0.1))
    text = `${text} ${language === "fr" ? "Merci d'avance." : "Thanks in advance."}`;
  return text;
}

export function agentAnswer(random: Random, language: Language, firstName: string, agent: string) {
  const greeting = fill(random.pick(GREETINGS[language]), random, firstName);
  const answer = fill(random.pick(ANSWERS[language]), random, firstName);
  return `${greeting} ${answer}\n${random.pick(SIGN_OFFS[language])}\n${agent}`;
}

export function customerFollowUp(random: Random, language: Language): string {
  return fill(random.pick(FOLLOW_UPS[language]), random, "");
}

export function agentNote(random: Random, language: Language): string {
  return random.pick(NOTES[language]);
}
