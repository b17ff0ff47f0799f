import { Button, Group, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../../shared/enums.ts";
import { useUpdateAccount } from "../../../hooks/api/account.ts";
import { useMe } from "../../../hooks/api/session.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";
import { timeZoneList } from "../../../lib/timeZones.ts";

/** The organisation (admins): its name, the name customers see, default language, time zone. */
export function AccountSettings() {
  const { t } = useTranslation();
  const { account } = useMe();
  const update = useUpdateAccount();
  const zones = useMemo(timeZoneList, []);
  const [name, setName] = useState(account.name);
  const [publicName, setPublicName] = useState(account.publicName ?? "");
  const [locale, setLocale] = useState<Locale>(account.locale);
  const [timeZone, setTimeZone] = useState(account.timeZone);
  const [assignOnReply, setAssignOnReply] = useState(account.assignOnReply);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { name: name.trim(), publicName: publicName.trim() || null, locale, timeZone, assignOnReply },
      { onSuccess: () => notifySuccess(t("accountSettings.saved")), onError: notifyError },
    );
  };

  return (
    <form onSubmit={submit} data-testid="account-settings">
      <Stack maw={480} gap="md">
        <Text size="sm" className="rl-wrap">
          {t("accountSettings.intro")}
        </Text>
        <TextInput
          label={t("accountSettings.name")}
          description={t("accountSettings.nameHelp")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={200}
          required
          data-testid="account-name"
        />
        <TextInput
          label={t("accountSettings.publicName")}
          description={t("accountSettings.publicNameHelp", { variable: "{{account.name}}" })}
          value={publicName}
          onChange={(event) => setPublicName(event.currentTarget.value)}
          placeholder={name}
          maxLength={200}
          data-testid="account-public-name"
        />
        <Select
          label={t("accountSettings.locale")}
          description={t("accountSettings.localeHelp")}
          data={[
            { value: "fr", label: "Français" },
            { value: "en", label: "English" },
          ]}
          value={locale}
          onChange={(value) => value && setLocale(value as Locale)}
          allowDeselect={false}
          data-testid="account-locale"
        />
        <Select
          label={t("accountSettings.timeZone")}
          description={t("accountSettings.timeZoneHelp")}
          data={zones}
          value={timeZone}
          onChange={(value) => value && setTimeZone(value)}
          searchable
          allowDeselect={false}
          data-testid="account-time-zone"
        />
        <Switch
          label={t("assignOnReply.label")}
          description={t("assignOnReply.help")}
          checked={assignOnReply}
          onChange={(event) => setAssignOnReply(event.currentTarget.checked)}
          data-testid="account-assign-on-reply"
        />
        <TextInput
          label={t("accountSettings.slug")}
          value={account.slug}
          readOnly
          variant="filled"
        />
        <Group>
          <Button
            type="submit"
            loading={update.isPending}
            disabled={!name.trim()}
            data-testid="account-save"
          >
            {t("accountSettings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
