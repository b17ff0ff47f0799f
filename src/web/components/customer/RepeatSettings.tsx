import { Button, Group, NumberInput, Radio, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type RepeatSettings as TRepeatSettings,
  useRepeatSettings,
  useSaveRepeatSettings,
} from "../../hooks/api/customer.ts";
import { useMe } from "../../hooks/api/session.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

/**
 * How a customer back about the same problem is recognised (the window, in days) and what it
 * does (link the new conversation, or reopen the resolved one on the same channel). Admins
 * change it; supervisors see it.
 */
export function RepeatSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const query = useRepeatSettings();
  const save = useSaveRepeatSettings();
  const [draft, setDraft] = useState<TRepeatSettings | null>(null);
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  if (!draft) return null;
  const readOnly = me.user.role !== "admin";
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, {
          onSuccess: () => notifySuccess(t("oneCustomer.repeatSaved")),
          onError: notifyError,
        });
      }}
      data-testid="repeat-settings"
    >
      <Stack gap="sm" maw={760} mt="xl">
        <Title order={2} size="h5">
          {t("oneCustomer.repeatSettings")}
        </Title>
        <NumberInput
          label={t("oneCustomer.repeatWindow")}
          description={t("oneCustomer.repeatWindowHelp")}
          min={1}
          max={90}
          maw={260}
          readOnly={readOnly}
          value={draft.repeatWindowDays}
          onChange={(value) => setDraft({ ...draft, repeatWindowDays: Number(value) || 1 })}
        />
        <Radio.Group
          label={t("oneCustomer.repeatAction")}
          value={draft.repeatAction}
          onChange={(value) =>
            setDraft({ ...draft, repeatAction: value as TRepeatSettings["repeatAction"] })
          }
        >
          <Stack gap={6} mt={6}>
            {(["link", "reopen"] as const).map((action) => (
              <Radio
                key={action}
                value={action}
                disabled={readOnly}
                label={t(`oneCustomer.repeatActions.${action}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        {!readOnly && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("oneCustomer.repeatSave")}
            </Button>
          </Group>
        )}
        {readOnly && (
          <Text size="xs" c="gray.7">
            {t("oneCustomer.repeatAdminsOnly")}
          </Text>
        )}
      </Stack>
    </form>
  );
}
