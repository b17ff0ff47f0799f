import type { Locale } from "../../shared/enums.ts";
import {
  replaceAddresses,
  replaceEmails,
  replaceHandles,
  replaceLongNumbers,
  replaceOrders,
  replacePhones,
} from "./detectors.ts";
import { discoverNames, type NamedPerson, nameReplacer } from "./names.ts";
import { AUTOMATIC, Placeholders } from "./placeholders.ts";

export type { NamedPerson } from "./names.ts";

/** Who wrote a message: the customer or the agent (by their person's key), or Relais itself. */
export type StorySpeaker = { kind: "customer" | "agent"; key: string } | { kind: "automatic" };

export interface AnonymiseInput {
  /** The language of the placeholders ("[Client 1]" or "[Customer 1]") and of the transcript. */
  locale: Locale;
  /** The people Relais knows: the customer (their name, display names) and the agents. */
  people: readonly NamedPerson[];
  /** The customer's handles ("@marie_d75"), found even without their "@". */
  handles: readonly string[];
  /** The customer's order numbers, found wherever they are written. */
  orderNumbers: readonly string[];
  /** The conversation's messages, oldest first (no internal notes). */
  messages: ReadonlyArray<{ from: StorySpeaker; text: string }>;
  /** Other texts told with the story (its title, its summary), with the same placeholders. */
  extras?: readonly string[];
}

export interface AnonymisedStory {
  /** The conversation, one paragraph per message (blank lines between): "[Client 1] : Bonjour…". */
  text: string;
  extras: string[];
}

/**
 * An anonymised copy of a conversation, told as a story: names (the customer's, the agents', and
 * those written in the messages — greetings, signatures, introductions, titles), handles,
 * emails, phone numbers, order numbers, postal addresses and long numbers are replaced by
 * placeholders, the same value by the same placeholder throughout ("[Client 1]", "[Agent 1]",
 * "[Email 1]", "[Téléphone 1]", "[Commande 1]", "[Adresse 1]"). Pure: no database, no clock.
 */
export function anonymise(input: AnonymiseInput): AnonymisedStory {
  const places = new Placeholders(input.locale);
  // Speakers first, so "[Client 1]" and "[Agent 1]" are those who speak first.
  const speakers = input.messages.map(({ from }) =>
    from.kind === "automatic" ? AUTOMATIC[input.locale] : places.token(from.kind, from.key),
  );
  const scrub = (text: string) => {
    let out = replaceEmails(text, places);
    out = replaceHandles(out, places, input.handles);
    out = replaceOrders(out, places, input.orderNumbers);
    out = replacePhones(out, places);
    out = replaceAddresses(out, places);
    return replaceLongNumbers(out, places);
  };
  const bodies = input.messages.map((message) => scrub(tidy(message.text)));
  const extras = (input.extras ?? []).map((text) => scrub(text));

  const found = discoverNames(
    bodies.map((text, index) => ({
      text,
      writer: input.messages[index]?.from.kind === "customer" ? "customer" : "agent",
    })),
    input.people,
  );
  const people = [...input.people, ...adoptNameless(input.people, found)];
  const replaceNames = nameReplacer(places, people);
  const named = (text: string) => places.restore(replaceNames(text));

  const separator = input.locale === "fr" ? " : " : ": ";
  const text = bodies
    .map((body, index) => `${speakers[index]}${separator}${body}`)
    .map(named)
    .join("\n\n");
  return { text, extras: extras.map(named) };
}

/**
 * A customer Relais knows by no name (a handle only) takes the first customer's name the
 * messages give ("Bonjour Marie" in an agent's reply): "[Client 1]" greets and speaks.
 */
function adoptNameless(known: readonly NamedPerson[], found: NamedPerson[]): NamedPerson[] {
  const customers = known.filter((person) => person.kind === "customer");
  const nameless = customers.length === 1 && customers[0]?.names.every((name) => !name.trim());
  const first = found.findIndex((person) => person.kind === "customer");
  if (!nameless || first < 0 || !customers[0]) return found;
  const key = customers[0].key;
  return found.map((person, index) => (index === first ? { ...person, key } : person));
}

/**
 * Trailing spaces and blank lines out, the message's line breaks kept: a blank line in the
 * transcript then always parts two messages.
 */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
