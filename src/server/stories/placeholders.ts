import type { Locale } from "../../shared/enums.ts";

/** What a placeholder stands for. */
export type PlaceholderKind =
  | "customer"
  | "agent"
  | "person"
  | "email"
  | "phone"
  | "order"
  | "address"
  | "handle"
  | "number";

const WORDS: Record<Locale, Record<PlaceholderKind, string>> = {
  fr: {
    customer: "Client",
    agent: "Agent",
    person: "Personne",
    email: "Email",
    phone: "Téléphone",
    order: "Commande",
    address: "Adresse",
    handle: "Pseudo",
    number: "Numéro",
  },
  en: {
    customer: "Customer",
    agent: "Agent",
    person: "Person",
    email: "Email",
    phone: "Phone",
    order: "Order",
    address: "Address",
    handle: "Handle",
    number: "Number",
  },
};

/** The speaker of a message no agent wrote (an acknowledgement, a rule's reply). */
export const AUTOMATIC: Record<Locale, string> = {
  fr: "[Réponse automatique]",
  en: "[Automatic reply]",
};

/*
 * While a text is being anonymised, each replaced value becomes a token of private-use
 * characters (U+E000, digits in U+E100–U+E1FF, U+E001): no detector matches them (no letter,
 * digit or "@"), so a later pass never reads "[Commande 1]" as an order or "[Client 1]" as a name.
 * `restore` swaps them for their labels at the end.
 */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const DIGIT = 0xe100;
const TOKEN = /\uE000([\uE100-\uE1FF]+)\uE001/g;

function encode(index: number): string {
  let out = "";
  let rest = index;
  do {
    out = String.fromCharCode(DIGIT + (rest % 256)) + out;
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  return `${OPEN}${out}${CLOSE}`;
}

function decode(digits: string): number {
  let value = 0;
  for (const char of digits) value = value * 256 + (char.charCodeAt(0) - DIGIT);
  return value;
}

/**
 * Stable placeholders for one story: the same value (by its normalised key) always gets the same
 * label, numbered per kind in the order values are first met ("[Client 1]", "[Email 2]").
 */
export class Placeholders {
  private readonly numbers = new Map<string, number>();
  private readonly counts = new Map<PlaceholderKind, number>();
  private readonly labels: string[] = [];
  private readonly tokens = new Map<string, string>();

  constructor(readonly locale: Locale) {}

  /** The label of a value, "[Téléphone 1]", numbering it when it is new. */
  label(kind: PlaceholderKind, key: string): string {
    const id = `${kind}\u0000${key}`;
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = (this.counts.get(kind) ?? 0) + 1;
      this.counts.set(kind, number);
      this.numbers.set(id, number);
    }
    return `[${WORDS[this.locale][kind]} ${number}]`;
  }

  /** The token that stands for the value's label until `restore`. */
  token(kind: PlaceholderKind, key: string): string {
    const label = this.label(kind, key);
    let token = this.tokens.get(label);
    if (!token) {
      token = encode(this.labels.length);
      this.labels.push(label);
      this.tokens.set(label, token);
    }
    return token;
  }

  /** The text with every token replaced by its label. */
  restore(text: string): string {
    return text.replace(TOKEN, (_whole, digits: string) => this.labels[decode(digits)] ?? "");
  }
}

/** Replaces every match of `pattern` (global) by what `replace` returns; null keeps the match. */
export function replaceMatches(
  text: string,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => string | null,
): string {
  let out = "";
  let last = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] === "") {
      pattern.lastIndex += 1;
      continue;
    }
    const replacement = replace(match);
    if (replacement === null) continue;
    out += text.slice(last, match.index) + replacement;
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}

/** Replaces the given spans (start, end) of a text, the earliest first; overlapping ones dropped. */
export function replaceSpans(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number; replacement: string }>,
): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let last = 0;
  for (const span of sorted) {
    if (span.start < last) continue;
    out += text.slice(last, span.start) + span.replacement;
    last = span.end;
  }
  return out + text.slice(last);
}
