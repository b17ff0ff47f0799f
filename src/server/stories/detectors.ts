import { type CountryCode, findPhoneNumbersInText } from "libphonenumber-js";
import { type Placeholders, replaceMatches, replaceSpans } from "./placeholders.ts";

/*
 * The detectors of everything but names, each a pass over the text that swaps what it finds for
 * a placeholder token (placeholders.ts). They run in the order of `anonymiseDetails` below: an
 * email before a handle (so "marie@example.fr" is not read as "@example"), an order number
 * before a postcode ("commande 75011 Paris" is an order), phones before long numbers.
 */

const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}_])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}_])";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

export function replaceEmails(text: string, places: Placeholders): string {
  return replaceMatches(text, EMAIL, (match) =>
    places.token("email", match[0].toLowerCase().replace(/\.$/, "")),
  );
}

/** @name, @name@instance.social (Mastodon), @name.bsky.social (Bluesky). */
const HANDLE =
  /(?<![\p{L}\p{N}_.@/])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?)(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?/gu;

export function replaceHandles(
  text: string,
  places: Placeholders,
  knownHandles: readonly string[],
): string {
  let out = replaceMatches(text, HANDLE, (match) =>
    places.token("handle", match[0].slice(1).toLowerCase()),
  );
  // A known handle written without its "@" ("marie_d75"), when it cannot be an ordinary word.
  const bare = knownHandles
    .map((handle) => handle.replace(/^@/, ""))
    .filter((handle) => /[\d_.]/.test(handle) && handle.length >= 3);
  if (bare.length > 0) {
    const pattern = new RegExp(
      `${NOT_WORD_BEFORE}(?:${bare.map(escapeRegExp).join("|")})${NOT_WORD_AFTER}`,
      "giu",
    );
    out = replaceMatches(out, pattern, (match) => places.token("handle", match[0].toLowerCase()));
  }
  return out;
}

/**
 * Order numbers as customers and agents write them — « commande 48213 », « commande n° 48213 »,
 * « réf. A-1042 », "order #48213", "order number 48213", "#1234" — and every number of the
 * customer's own orders wherever it appears.
 */
const ORDER_MENTION =
  /(?:(?<![\p{L}\p{N}_])(?:commandes?|cde|cmd|orders?|r[ée]f(?:[ée]rence)?|reference|n[°º])\.?\s*(?:(?:n[°º]|no\.?|num[ée]ro|number|de commande|#|:)\s*)*|#)([A-Za-z]{0,4}-?\d[A-Za-z0-9-]*)/giu;

export function replaceOrders(
  text: string,
  places: Placeholders,
  knownOrders: readonly string[],
): string {
  let out = text;
  const known = knownOrders.filter((number) => number.trim().length >= 3);
  if (known.length > 0) {
    const pattern = new RegExp(
      `${NOT_WORD_BEFORE}#?(?:${known.map(escapeRegExp).join("|")})${NOT_WORD_AFTER}`,
      "giu",
    );
    out = replaceMatches(out, pattern, (match) => places.token("order", orderKey(match[0])));
  }
  return replaceMatches(out, ORDER_MENTION, (match) => {
    const number = (match[1] ?? "").replace(/-+$/, "");
    if (!/\d/.test(number)) return null;
    const keep = match[0].slice(0, match[0].length - (match[1] ?? "").length).replace(/#\s*$/, "");
    const rest = (match[1] ?? "").slice(number.length);
    return `${keep}${places.token("order", orderKey(number))}${rest}`;
  });
}

function orderKey(raw: string): string {
  return raw.replace(/^#/, "").toUpperCase();
}

/** French, American and British national numbers, and every number written with its "+". */
const PHONE_COUNTRIES: readonly CountryCode[] = ["FR", "US", "GB"];
/** A run of 9 to 15 digits with spaces, dots or dashes that libphonenumber did not accept. */
const PHONE_LIKE = /(?<![\p{L}\p{N}])\+?\(?\d[\d .()-]{7,20}\d(?![\p{L}\p{N}])/gu;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Seven digits, a few separators apart at most: the least a phone number holds. */
const SEVEN_DIGITS = /\d(?:\D{0,3}\d){6}/;

export function replacePhones(text: string, places: Placeholders): string {
  // libphonenumber reads a text in about a millisecond: only those that may hold a number.
  if (!SEVEN_DIGITS.test(text)) return text;
  let out = text;
  for (const country of PHONE_COUNTRIES) {
    const found = findPhoneNumbersInText(out, country);
    out = replaceSpans(
      out,
      found.map((phone) => ({
        // A number written in brackets, "(06 12 34 56 78)", keeps its opening bracket.
        start:
          out[phone.startsAt] === "(" && !out.slice(phone.startsAt, phone.endsAt).includes(")")
            ? phone.startsAt + 1
            : phone.startsAt,
        end: phone.endsAt,
        replacement: places.token("phone", phone.number.number),
      })),
    );
  }
  return replaceMatches(out, PHONE_LIKE, (match) => {
    const digits = match[0].replace(/\D/g, "");
    if (digits.length < 9 || digits.length > 15 || ISO_DATE.test(match[0].trim())) return null;
    return places.token("phone", digits);
  });
}

/** Tracking, account or card numbers: a word holding six digits in a row or more. */
const LONG_NUMBER =
  /(?<![\p{L}\p{N}_])(?=[A-Za-z0-9-]*\d{6})[A-Za-z0-9][A-Za-z0-9-]*(?![\p{L}\p{N}_])/gu;

export function replaceLongNumbers(text: string, places: Placeholders): string {
  return replaceMatches(text, LONG_NUMBER, (match) => places.token("number", match[0]));
}

const CAP_WORD = "\\p{Lu}[\\p{L}'’-]*";
const CITY = `${CAP_WORD}(?:[ -](?:(?:sur|sous|en|lès|les|le|la|de|du|des)[ -])?${CAP_WORD})*`;
const FR_TYPES =
  "rue|avenue|av\\.|bd|boulevard|place|all[ée]e|impasse|chemin|route|quai|cours|square|passage|chauss[ée]e|r[ée]sidence|hameau|lieu-dit|voie|sentier|faubourg|cit[ée]|villa";
const FR_PARTICLES = "d(?:e|u|es)|la|le|les|l['’]|d['’]|aux?|saint|sainte|st|ste";
const NUMBER = "\\d{1,4}(?:\\s?(?:bis|ter|[A-Da-d]))?";
const FR_STREET = `${NUMBER}\\s*,?\\s+(?:${caseless(FR_TYPES)})(?:(?:\\s+|(?<=['’]))(?:(?:${FR_PARTICLES})(?![\\p{L}])|${CAP_WORD}|\\d+)){1,7}`;
const FR_POSTCODE = `\\d{5}\\s+${CITY}(?:\\s+CEDEX)?`;
const EN_TYPES =
  "Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Close|Crescent|Square|Sq|Gardens|Grove|Hill|Park|Row|Mews|Parkway|Highway";
const UK_POSTCODE = "[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}";
const US_STATE_ZIP = "[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?";
const EN_STREET = `\\d{1,5}[A-Za-z]?\\s+(?:${CAP_WORD}\\s+){1,4}(?:${EN_TYPES})\\b\\.?(?:,?\\s*(?:Apt|Apartment|Suite|Unit|Flat|#)\\.?\\s*[\\w-]+)?(?:,\\s*${CITY}(?![\\p{L}]))?(?:,?\\s*(?:${US_STATE_ZIP}|${UK_POSTCODE}))?`;

/**
 * Postal addresses: a French street (« 12 bis rue des Lilas, 75011 Paris »), an English one
 * ("221B Baker Street, London NW1 6XE", "1600 Main St., Springfield, IL 62704"), and postcodes
 * with their town on their own (« 69003 Lyon », "SW1A 1AA", "NY 10001").
 */
const ADDRESS = new RegExp(
  `${NOT_WORD_BEFORE}(?:${FR_STREET}(?:\\s*,?\\s*${FR_POSTCODE})?|${EN_STREET}|${FR_POSTCODE}|${UK_POSTCODE}|${US_STATE_ZIP})${NOT_WORD_AFTER}`,
  "gu",
);

export function replaceAddresses(text: string, places: Placeholders): string {
  return replaceMatches(text, ADDRESS, (match) =>
    places.token("address", match[0].toLowerCase().replace(/\s+/g, " ").trim()),
  );
}

/** A pattern whose letters match in either case, while the rest of its regex stays case-sensitive. */
export function caseless(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? "";
    if (char === "\\") {
      out += char + (pattern[i + 1] ?? "");
      i++;
      continue;
    }
    if (char === "[") inClass = true;
    if (char === "]") inClass = false;
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    if (lower === upper) out += char;
    else out += inClass ? lower + upper : `[${lower}${upper}]`;
  }
  return out;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
