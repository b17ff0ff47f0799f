import { DateTime } from "luxon";
import { type CustomerStringKey, customerString } from "../i18n/customer.ts";

export type Language = "fr" | "en";

/** "Paris", "Los Angeles": the city an IANA zone is named after. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").at(-1) ?? timeZone).replace(/_/g, " ");
}

/**
 * A due time as a customer reads it, in their language and zone: « jeudi 10 décembre à 14 h 00
 * (heure de Paris) », "Thursday, December 10 at 2:00 PM (Los Angeles time)".
 */
export function customerDueTime(dueAt: Date, language: Language, timeZone: string): string {
  const local = DateTime.fromJSDate(dueAt).setZone(timeZone);
  const city = zoneCity(timeZone);
  if (language === "fr") {
    const day = local.setLocale("fr-FR").toFormat("cccc d LLLL");
    return `${day} à ${local.toFormat("H")} h ${local.toFormat("mm")} (heure de ${city})`;
  }
  const day = local.setLocale("en-US").toFormat("cccc, LLLL d");
  return `${day} at ${local.setLocale("en-US").toFormat("h:mm a")} (${city} time)`;
}

/** One of the promise sentences, with the step and its due time filled in. */
export function promiseSentence(
  key: Extract<CustomerStringKey, `promise.${string}`>,
  props: { text: string; dueAt: Date; language: Language; timeZone: string },
): string {
  return customerString(key, props.language, {
    step: props.text,
    when: customerDueTime(props.dueAt, props.language, props.timeZone),
  });
}

/** The reply as the customer receives it: the agent's words, then the next step and its time. */
export function withNextStep(
  reply: string,
  step: { text: string; dueAt: Date; language: Language; timeZone: string },
): string {
  const sentence = promiseSentence("promise.nextStep", step);
  return reply ? `${reply}\n\n${sentence}` : sentence;
}
