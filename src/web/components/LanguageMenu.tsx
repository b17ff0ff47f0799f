import { Menu, Tooltip, UnstyledButton } from "@mantine/core";
import { IconCheck, IconLanguage } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../shared/enums.ts";
import { useSession } from "../hooks/api/session.ts";
import { useUpdateUser } from "../hooks/api/users.ts";
import { applyLocale, currentLocale, SUPPORTED_LOCALES } from "../i18n/index.ts";
import { notifyError } from "../lib/notify.ts";

const NAMES: Record<Locale, string> = { fr: "Français", en: "English" };

/** Switches the app's language at once, and saves it as the agent's own setting. */
export function LanguageMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const updateUser = useUpdateUser();
  const current = currentLocale();

  const choose = async (locale: Locale) => {
    await applyLocale(locale);
    const user = session.data?.user;
    if (user && user.locale !== locale) {
      updateUser.mutate({ id: user.id, changes: { locale } }, { onError: notifyError });
    }
  };

  return (
    <Menu position="top-start" withinPortal shadow="md">
      <Menu.Target>
        <Tooltip label={t("language.switch")}>
          <UnstyledButton
            className="rl-icon-button"
            aria-label={t("language.switch")}
            data-testid="language-menu"
          >
            <IconLanguage size={18} />
            <span className="rl-lang-code">{current.toUpperCase()}</span>
          </UnstyledButton>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("language.label")}</Menu.Label>
        {SUPPORTED_LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            onClick={() => void choose(locale)}
            rightSection={locale === current ? <IconCheck size={14} /> : null}
            data-locale={locale}
          >
            {NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
