/** Approved message templates (WhatsApp): their placeholders, filled and rendered. */

export interface MessageTemplate {
  name: string;
  language: string;
  status: string;
  category: string;
  /** How many body variables the template takes. */
  variables: number;
  body: string;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * The body's placeholders, each once, in the order the provider fills them: `{{1}}`, `{{2}}` …
 * by number, named ones (`{{first_name}}`) as they first appear.
 */
export function placeholders(body: string): string[] {
  const names = [...new Set([...body.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))];
  const numeric = names.every((name) => /^\d+$/.test(name));
  return numeric ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

/** The body as the customer will read it; an empty variable keeps its `{{n}}` visible. */
export function renderTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => values[name]?.trim() || whole);
}

export interface TemplatePart {
  /** Where the piece starts in the body (a stable key). */
  at: number;
  text: string;
  /** The placeholder's name, on a variable. */
  variable?: string;
  filled?: boolean;
}

/** Pieces of the body, the variables apart (filled or not), for a preview that shows them. */
export function templateParts(
  body: string,
  values: Readonly<Record<string, string>>,
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let index = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const start = match.index ?? 0;
    if (start > index) parts.push({ at: index, text: body.slice(index, start) });
    const name = match[1] ?? "";
    const value = values[name]?.trim();
    parts.push({ at: start, text: value || match[0], variable: name, filled: Boolean(value) });
    index = start + match[0].length;
  }
  if (index < body.length) parts.push({ at: index, text: body.slice(index) });
  return parts;
}

/** A display name that reads as a person's name (not a phone number, an email or a handle). */
function personName(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed || /[@\d]/.test(trimmed) || trimmed.length > 60) return null;
  return trimmed;
}

/**
 * Values to start from: the customer's first name where the template greets someone — `{{1}}`
 * right after a greeting ("Bonjour {{1}}", "Hi {{1}}") or opening the body ("{{1}}, …") — or
 * where a placeholder is named for a name. Anything else (an order number) is left to the agent.
 */
export function prefillValues(body: string, contactName: string | null | undefined) {
  const values: Record<string, string> = {};
  const name = personName(contactName);
  if (!name) return values;
  const firstName = name.split(/\s+/)[0] ?? name;
  for (const key of placeholders(body)) {
    if (/^(first_?name|prenom|prénom)$/i.test(key)) values[key] = firstName;
    else if (/^(name|nom|customer_name|full_name|contact_name)$/i.test(key)) values[key] = name;
    else if (key === "1" && greets(body)) values[key] = firstName;
  }
  return values;
}

const GREETING =
  /\b(bonjour|bonsoir|salut|coucou|cher|chère|hello|hi|hey|dear|good (morning|afternoon|evening)|hola|hallo|ciao)\s*,?\s*\{\{\s*1\s*\}\}/i;

/** "{{1}}, votre commande…" opens on the customer's name too. */
const OPENS_WITH = /^\s*\{\{\s*1\s*\}\}\s*,/;

function greets(body: string): boolean {
  return GREETING.test(body) || OPENS_WITH.test(body);
}
