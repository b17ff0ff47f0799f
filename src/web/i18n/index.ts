import "dayjs/locale/fr";
import "dayjs/locale/en";
import dayjs from "dayjs";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../../shared/enums.ts";
import { resources } from "./resources.ts";

export const SUPPORTED_LOCALES: readonly Locale[] = ["fr", "en"];
const STORAGE_KEY = "relais.locale";

function isLocale(value: unknown): value is Locale {
  return value === "fr" || value === "en";
}

/** The locale before anyone signs in: the last one chosen here, else the browser's. */
export function initialLocale(): Locale {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  for (const language of window.navigator.languages ?? [window.navigator.language]) {
    const base = language.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return "en";
}

export function currentLocale(): Locale {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLocale(language) ? language : "en";
}

/** Switches every string, date and number of the app to `locale`, and remembers it. */
export async function applyLocale(locale: Locale): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, locale);
  dayjs.locale(locale);
  document.documentElement.lang = locale;
  if (currentLocale() !== locale || i18next.language !== locale) {
    await i18next.changeLanguage(locale);
  }
}

export async function initI18n(): Promise<void> {
  const locale = initialLocale();
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: resources.fr }, en: { translation: resources.en } },
    lng: locale,
    fallbackLng: "en",
    supportedLngs: [...SUPPORTED_LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  dayjs.locale(locale);
  document.documentElement.lang = locale;
}
