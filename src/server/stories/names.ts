import { caseless, escapeRegExp } from "./detectors.ts";
import { type PlaceholderKind, type Placeholders, replaceMatches } from "./placeholders.ts";

/** Who a name belongs to: the placeholder kind it takes and one key per person. */
export interface NamedPerson {
  kind: Extract<PlaceholderKind, "customer" | "agent" | "person">;
  key: string;
  names: string[];
}

/**
 * Capitalised words that follow a greeting, a title or a closing without being anyone's name
 * ("Bonjour Madame", "Merci Beaucoup", "Hi Team"), and words too common to be taken, on their
 * own, as a piece of a known person's name (a contact called « Le Petit Shop »).
 */
const NOT_NAMES = new Set(
  `madame monsieur mademoiselle mme mlle mr mrs ms miss dr docteur messieurs dames sir madam
  tous tout toutes toute le la les l de du des d et à a au aux en pour par sur avec vous toi je nous
  il elle on beaucoup encore bien infiniment merci bonjour bonsoir salut coucou cordialement
  bonne journée soirée amicalement bisous cher chère service client clients cliente équipe team
  support hello hi hey there all everyone again so very much for you your guys folks the and of
  to thanks thank regards best kind cheers sincerely yours dear good morning afternoon evening
  oui non yes no ok okay sent envoyé iphone android mon ma mes my our notre nos agent shop boutique
  store magasin relais petit grand new ps p.s bien-à-vous`
    .split(/\s+/)
    .filter(Boolean),
);

/** Particles kept with a name but never taken as a name on their own. */
const PARTICLES = new Set(["de", "du", "des", "la", "le", "van", "von", "der", "da", "di", "del"]);

const WORD = "\\p{Lu}[\\p{Ll}\\p{Lu}'’-]*";
const NAME = `(${WORD}(?:[ \\t]+(?:${WORD}|\\p{Lu}\\.))?)`;
const GREETINGS = caseless(
  "bonjour|bonsoir|salut|coucou|rebonjour|merci|cher|chère|chere|allô|allo|hello|hi|hey|dear|thanks|thank you|good morning|good afternoon|good evening",
);
const TITLES =
  "M\\.|Mme\\.?|Mlle\\.?|Monsieur|Madame|Mademoiselle|monsieur|madame|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|Dr\\.?|Docteur";
const GREETING = new RegExp(
  `(?<![\\p{L}])(?:${GREETINGS})[ \\t]*,?[ \\t]+(?:(?:${TITLES})[ \\t]+)?${NAME}`,
  "gu",
);
const TITLED = new RegExp(`(?<![\\p{L}])(?:${TITLES})[ \\t]+${NAME}`, "gu");
const INTRODUCTION = new RegExp(
  `(?<![\\p{L}])(?:${caseless("je m'appelle|je m’appelle|moi c'est|moi c’est|my name is|this is|ici")})[ \\t]+${NAME}`,
  "gu",
);
const CLOSINGS = caseless(
  "cordialement|bien à vous|bien a vous|bonne journée|bonne soirée|à bientôt|a bientot|amicalement|bisous|merci d'avance|merci encore|merci beaucoup|merci|sincères salutations|best regards|kind regards|warm regards|regards|best|thanks again|many thanks|thank you|thanks|cheers|sincerely|yours sincerely|yours truly|yours|--|—",
);
const CLOSING_LINE = new RegExp(
  `^\\s*(?:${CLOSINGS})[ \\t]*[,.!]*[ \\t]*(?:${NAME})?[ \\t]*$`,
  "u",
);
const SIGNATURE_LINE = new RegExp(`^\\s*[-–—]*[ \\t]*${NAME}[ \\t]*(?:[,(|–—-].*)?$`, "u");
const DASHED_NAME = new RegExp(`^\\s*[-–—]+[ \\t]*${NAME}[ \\t]*$`, "u");

/** The words of a name found in a text, or null when it is not one. */
function cleanName(raw: string): string | null {
  const words = raw.split(/\s+/).filter(Boolean);
  if (words.length === 0 || NOT_NAMES.has(fold(words[0] ?? "").toLowerCase())) return null;
  const kept = words.filter(
    (word, index) => index === 0 || !NOT_NAMES.has(fold(word).toLowerCase()),
  );
  return kept.join(" ");
}

export interface NameSource {
  text: string;
  /** Who wrote it: a greeting in a customer's message names an agent, and the other way round. */
  writer: "customer" | "agent";
}

/**
 * Names written in the conversation that Relais does not know: whom a message greets ("Bonjour
 * Marie", "Hi John"), how its writer signs or introduces themselves ("Cordialement,\nJulie",
 * "my name is John"), and titled names ("M. Durand"). Known people's names are left out.
 */
export function discoverNames(sources: readonly NameSource[], known: readonly NamedPerson[]) {
  const knownWords = new Set(known.flatMap((person) => nameVariants(person.names)).map(key));
  const found: NamedPerson[] = [];
  const add = (raw: string | undefined, kind: NamedPerson["kind"]) => {
    const name = raw ? cleanName(raw) : null;
    if (!name) return;
    const words = nameVariants([name]).map(key);
    if (words.some((word) => knownWords.has(word))) return;
    for (const word of words) knownWords.add(word);
    found.push({ kind, key: `found:${key(name)}`, names: [name] });
  };
  for (const { text, writer } of sources) {
    const other = writer === "customer" ? "agent" : "customer";
    for (const match of text.matchAll(GREETING)) add(match[1], other);
    for (const match of text.matchAll(INTRODUCTION)) add(match[1], writer);
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
    lines.forEach((line, index) => {
      const closing = CLOSING_LINE.exec(line);
      if (!closing) return;
      if (closing[1]) add(closing[1], writer);
      const signature = SIGNATURE_LINE.exec(lines[index + 1] ?? "");
      if (signature) add(signature[1], writer);
    });
    const dashed = DASHED_NAME.exec(lines.at(-1) ?? "");
    if (dashed) add(dashed[1], writer);
  }
  // Titled names last: "M. Durand" greeted above is the customer, not a third person.
  for (const { text } of sources) {
    for (const match of text.matchAll(TITLED)) add(match[1], "person");
  }
  return found;
}

/** A full name and each of its words that may stand alone ("Marie-Claire Dupont", "Dupont"). */
function nameVariants(names: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const raw of names) {
    const name = raw
      .replace(/[^\p{L}\p{M}'’ -]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim();
    if (name.length < 2) continue;
    variants.add(name);
    for (const word of name.split(/[\s]+/)) {
      const parts = [word, ...(word.includes("-") ? word.split("-") : [])];
      for (const part of parts) {
        const lower = fold(part).toLowerCase();
        if (part.length < 2 || PARTICLES.has(lower) || NOT_NAMES.has(lower)) continue;
        variants.add(part);
      }
    }
  }
  return [...variants];
}

/**
 * A function that replaces every known person's name and each word of it, in any case and with
 * or without its accents ("helene" for « Hélène »), by the person's placeholder. Built once per
 * story: one pattern for all its texts.
 */
export function nameReplacer(
  places: Placeholders,
  people: readonly NamedPerson[],
): (text: string) => string {
  const byVariant = new Map<string, NamedPerson>();
  for (const person of people) {
    for (const variant of nameVariants(person.names)) {
      if (!byVariant.has(key(variant))) byVariant.set(key(variant), person);
    }
  }
  if (byVariant.size === 0) return (text) => text;
  const fullNames = new Set(people.flatMap((person) => person.names.map(key)));
  const variants = [...byVariant.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${variants.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`,
    "giu",
  );
  return (text) => {
    let out = "";
    let last = 0;
    replaceMatches(fold(text), pattern, (match) => {
      const person = byVariant.get(match[0].toLowerCase());
      if (!person) return null;
      if (!fullNames.has(match[0].toLowerCase()) && !writtenAsName(text, match.index)) return null;
      out += text.slice(last, match.index) + places.token(person.kind, person.key);
      last = match.index + match[0].length;
      return "";
    });
    return out + text.slice(last);
  };
}

const GREETED = new RegExp(`(?:${GREETINGS})[ \\t]*,?[ \\t]+$`, "u");

/**
 * A word of a name stands for the person when it is capitalised ("Rose", "ROSE") or greeted
 * ("merci julie"): "a rose lamp" and "max brightness" stay as they are.
 */
function writtenAsName(text: string, index: number): boolean {
  const first = text[index] ?? "";
  if (first !== first.toLowerCase()) return true;
  return GREETED.test(text.slice(Math.max(0, index - 30), index));
}

/** Accents off, one UTF-16 unit for one (so positions in the folded text are the original's). */
export function fold(text: string): string {
  let out = "";
  for (const char of text) {
    if (char.length > 1) {
      out += char;
      continue;
    }
    const base = char.normalize("NFD")[0] ?? char;
    out += base === "’" ? "'" : base;
  }
  return out;
}

function key(name: string): string {
  return fold(name).toLowerCase().replace(/\s+/g, " ").trim();
}
