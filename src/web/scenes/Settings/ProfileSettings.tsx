import {
  Button,
  Group,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/enums.ts";
import { useMe } from "../../hooks/api/session.ts";
import { useUpdateUser } from "../../hooks/api/users.ts";
import { applyLocale } from "../../i18n/index.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { timeZoneList } from "../../lib/timeZones.ts";

/** The agent's own name, language, time zone, availability and password. */
export function ProfileSettings() {
  const { t } = useTranslation();
  const { user } = useMe();
  const update = useUpdateUser();
  const zones = useMemo(timeZoneList, []);
  const [name, setName] = useState(user.name);
  const [locale, setLocale] = useState<Locale | null>(user.locale);
  const [timeZone, setTimeZone] = useState<string | null>(user.timeZone);
  const [signature, setSignature] = useState(user.signature ?? "");
  const [password, setPassword] = useState("");
  const [currentPassword, setCurrentPassword] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        id: user.id,
        changes: {
          name: name.trim() || user.name,
          locale,
          timeZone,
          signature: signature.trim() || null,
          ...(password ? { password, currentPassword } : {}),
        },
      },
      {
        onSuccess: () => {
          setPassword("");
          setCurrentPassword("");
          if (locale) void applyLocale(locale);
          notifySuccess(t("settings.saved"));
        },
        onError: notifyError,
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack maw={440} gap="md">
        <TextInput
          label={t("profile.name")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <TextInput label={t("profile.email")} value={user.email} readOnly variant="filled" />
        <Select
          label={t("profile.language")}
          description={t("profile.languageHelp")}
          data={[
            { value: "fr", label: "Français" },
            { value: "en", label: "English" },
          ]}
          value={locale}
          onChange={(value) => setLocale(value as Locale | null)}
          clearable
          placeholder={t("profile.browserLanguage")}
        />
        <Select
          label={t("profile.timeZone")}
          data={zones}
          value={timeZone}
          onChange={setTimeZone}
          searchable
          clearable
          placeholder={t("profile.accountTimeZone")}
        />
        <TextInput
          label={t("signature.label")}
          description={t("signature.help")}
          value={signature}
          onChange={(event) => setSignature(event.currentTarget.value)}
          placeholder={`— ${user.name.split(" ")[0] ?? ""}`}
          maxLength={40}
          data-testid="profile-signature"
        />
        <Switch
          label={t("user.availableForAssignment")}
          checked={user.available}
          onChange={(event) =>
            update.mutate(
              { id: user.id, changes: { available: event.currentTarget.checked } },
              { onError: notifyError },
            )
          }
        />
        <PasswordInput
          label={t("profile.newPassword")}
          description={t("onboarding.passwordHelp")}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          autoComplete="new-password"
          error={password && password.length < 10 ? t("onboarding.passwordTooShort") : undefined}
        />
        {password && (
          <PasswordInput
            label={t("profile.currentPassword")}
            description={t("profile.currentPasswordHelp")}
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            autoComplete="current-password"
            required
          />
        )}
        <Group>
          <Button
            type="submit"
            loading={update.isPending}
            disabled={password.length > 0 && (password.length < 10 || !currentPassword)}
          >
            {t("actions.save")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t(`roles.${user.role}`)}
        </Text>
      </Stack>
    </form>
  );
}
