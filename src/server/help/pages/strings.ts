import type { HelpLocale } from "../../../shared/articles.ts";

/** What the public help centre says, in French and English. */
export const HELP_STRINGS = {
  fr: {
    helpCentre: "Centre d'aide",
    skip: "Aller au contenu",
    search: "Rechercher",
    searchLabel: "Rechercher dans l'aide",
    searchPlaceholder: "Ex. : livraison en retard",
    language: "Langue",
    otherLanguage: "English",
    contact: "Parler à une personne",
    chat: "Discuter en direct",
    email: "E-mail",
    phone: "Téléphone",
    callback: "Être rappelé",
    hours: "Horaires",
    closed: "fermé",
    social: "Réseaux sociaux",
    categories: "Rubriques",
    allArticles: "Tous les articles",
    otherArticles: "Autres articles",
    seeAll: "Voir tous les articles de la rubrique",
    noArticles: "Aucun article publié pour l'instant.",
    resultsFor: "Résultats pour « {q} »",
    noResults:
      "Aucun article ne répond à « {q} ». Essayez d'autres mots, ou parlez à une personne : tous nos contacts sont ci-dessus.",
    enterQuery: "Saisissez quelques mots pour chercher un article.",
    helpful: "Cet article vous a-t-il aidé ?",
    yes: "Oui",
    no: "Non",
    commentLabel: "Un commentaire ? (facultatif)",
    send: "Envoyer",
    thanks: "Merci pour votre avis !",
    readIn: "Lire en anglais",
    breadcrumb: "Fil d'Ariane",
    notFound: "Page introuvable",
    notFoundText:
      "Cette page n'existe pas ou n'est plus publiée. Cherchez un article ou contactez-nous.",
    updated: "Mis à jour le {date}",
    home: "Accueil",
    colon: " : ",
  },
  en: {
    helpCentre: "Help centre",
    skip: "Skip to content",
    search: "Search",
    searchLabel: "Search the help centre",
    searchPlaceholder: "E.g. late delivery",
    language: "Language",
    otherLanguage: "Français",
    contact: "Talk to a person",
    chat: "Live chat",
    email: "Email",
    phone: "Phone",
    callback: "Call me back",
    hours: "Opening hours",
    closed: "closed",
    social: "Social media",
    categories: "Topics",
    allArticles: "All articles",
    otherArticles: "Other articles",
    seeAll: "See every article on this topic",
    noArticles: "No article published yet.",
    resultsFor: "Results for “{q}”",
    noResults:
      "No article answers “{q}”. Try other words, or talk to a person: all our contact options are above.",
    enterQuery: "Type a few words to search for an article.",
    helpful: "Was this article helpful?",
    yes: "Yes",
    no: "No",
    commentLabel: "Any comment? (optional)",
    send: "Send",
    thanks: "Thank you for your feedback!",
    readIn: "Read in French",
    breadcrumb: "Breadcrumb",
    notFound: "Page not found",
    notFoundText:
      "This page does not exist or is no longer published. Search for an article or contact us.",
    updated: "Updated on {date}",
    home: "Home",
    colon: ": ",
  },
} as const satisfies Record<HelpLocale, Record<string, string>>;

export type HelpStrings = (typeof HELP_STRINGS)[HelpLocale];

export const DAY_NAMES: Record<HelpLocale, Record<string, string>> = {
  fr: { mon: "Lun.", tue: "Mar.", wed: "Mer.", thu: "Jeu.", fri: "Ven.", sat: "Sam.", sun: "Dim." },
  en: { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" },
};

export const SOCIAL_NAMES: Record<string, string> = {
  x: "X (Twitter)",
  facebook: "Facebook",
  instagram: "Instagram",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  whatsapp: "WhatsApp",
  linkedin: "LinkedIn",
  youtube: "YouTube",
  tiktok: "TikTok",
  other: "Web",
};

export const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
