import { TEMPLATE_VARIABLES, type TemplateVariable } from "../../shared/rules.ts";

/** `{{contact.name}}`, or with a fallback for an unknown value: `{{contact.name | Madame, Monsieur}}`. */
const VARIABLE_RE = /\{\{\s*([a-z_.]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}/gi;

export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

function isVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** The variables a text uses that Relais does not know (to refuse it on save). */
export function unknownVariables(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(VARIABLE_RE)) {
    const name = match[1] ?? "";
    if (!isVariable(name)) unknown.add(name);
  }
  return [...unknown];
}

/** Fills the variables; one without a value takes its fallback, or nothing. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(VARIABLE_RE, (_, name: string, fallback: string | undefined) => {
    const value = isVariable(name) ? values[name] : undefined;
    return value?.trim() ? value : (fallback ?? "");
  });
}

/**
 * The body to send in `language`, or the other language's when the reply was written in one
 * language only.
 */
export function bodyFor(
  reply: { body_fr: string | null; body_en: string | null },
  language: "fr" | "en",
): { language: "fr" | "en"; body: string } {
  const preferred = language === "fr" ? reply.body_fr : reply.body_en;
  if (preferred) return { language, body: preferred };
  const other = language === "fr" ? "en" : "fr";
  return { language: other, body: (other === "fr" ? reply.body_fr : reply.body_en) ?? "" };
}
