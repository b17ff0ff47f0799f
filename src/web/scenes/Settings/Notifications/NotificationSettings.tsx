import { Alert, Button, Group, Loader, Stack, Switch, Table, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TNotificationSetting } from "../../../../shared/notifications.ts";
import {
  useNotificationSettings,
  useSaveNotificationSettings,
} from "../../../hooks/api/notificationSettings.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

/** The agent's own choice per kind: ring in the app (bell, live pop-up), also by email. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const query = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const [settings, setSettings] = useState<TNotificationSetting[]>([]);

  useEffect(() => {
    if (query.data) setSettings(query.data.settings);
  }, [query.data]);

  if (query.isPending) return <Loader size="sm" />;

  const toggle = (kind: TNotificationSetting["kind"], field: "inApp" | "email", on: boolean) =>
    setSettings((current) =>
      current.map((setting) => (setting.kind === kind ? { ...setting, [field]: on } : setting)),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(settings, {
      onSuccess: () => notifySuccess(t("notificationSettings.saved")),
      onError: notifyError,
    });
  };

  return (
    <form onSubmit={submit} data-testid="notification-settings">
      <Stack maw={720} gap="md">
        <Text size="sm" c="dimmed" className="rl-wrap">
          {t("notificationSettings.description")}
        </Text>
        {query.data && !query.data.emailAvailable && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle size={16} />}>
            <Text size="sm" className="rl-wrap">
              {t("notificationSettings.noEmailChannel")}
            </Text>
          </Alert>
        )}
        <Table withTableBorder verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("notificationSettings.kind")}</Table.Th>
              <Table.Th ta="center">{t("notificationSettings.inApp")}</Table.Th>
              <Table.Th ta="center">{t("notificationSettings.email")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {settings.map((setting) => {
              const kind = t(`notificationKinds.label.${setting.kind}`);
              return (
                <Table.Tr key={setting.kind} data-notification-kind={setting.kind}>
                  <Table.Td>
                    <Text size="sm">{kind}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="center">
                      <Switch
                        checked={setting.inApp}
                        onChange={(event) =>
                          toggle(setting.kind, "inApp", event.currentTarget.checked)
                        }
                        aria-label={t("notificationSettings.inAppFor", { kind })}
                        data-testid={`in-app-${setting.kind}`}
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="center">
                      <Switch
                        checked={setting.email}
                        onChange={(event) =>
                          toggle(setting.kind, "email", event.currentTarget.checked)
                        }
                        aria-label={t("notificationSettings.emailFor", { kind })}
                        data-testid={`email-${setting.kind}`}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="notification-settings-save">
            {t("notificationSettings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
