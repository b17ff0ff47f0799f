import "../../Backoffice/backoffice.css";
import { Button, Group, Loader, NumberInput, Stack, Table, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ACTION_TYPE_VALUES, type TAuthorityLimits } from "../../../../shared/backoffice.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useAuthorityLimits, useSaveAuthorityLimits } from "../../../hooks/api/backoffice.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

const ROLES = ["agent", "supervisor"] as const;
const PERIODS = ["perAction", "perDay"] as const;
type Role = (typeof ROLES)[number];
type Period = (typeof PERIODS)[number];

/** Every cell filled in, so the form is controlled from the start (null: no limit). */
function complete(limits: TAuthorityLimits): TAuthorityLimits {
  const out: TAuthorityLimits = {};
  for (const role of ROLES) {
    const byType = { ...limits[role] };
    for (const type of ACTION_TYPE_VALUES) {
      byType[type] = byType[type] ?? { perAction: null, perDay: null };
    }
    out[role] = byType;
  }
  return out;
}

/**
 * What agents and supervisors may do alone, per action and per day, in the account's currency (a
 * replacement counts the goods at their price). Above it the action waits for approval; an empty
 * field means no limit; admins are never limited.
 */
export function AuthorityLimitsSettings() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const limits = useAuthorityLimits();
  const save = useSaveAuthorityLimits();
  const [draft, setDraft] = useState<TAuthorityLimits | null>(null);
  useEffect(() => {
    if (limits.data) setDraft(complete(limits.data));
  }, [limits.data]);

  if (limits.isError) return <ErrorState error={limits.error} onRetry={() => limits.refetch()} />;
  if (!draft) return <Loader size="sm" />;

  const value = (role: Role, type: (typeof ACTION_TYPE_VALUES)[number], period: Period) =>
    draft[role]?.[type]?.[period] ?? null;
  const set = (
    role: Role,
    type: (typeof ACTION_TYPE_VALUES)[number],
    period: Period,
    next: number | null,
  ) => {
    const pair = { perAction: value(role, type, "perAction"), perDay: value(role, type, "perDay") };
    setDraft({ ...draft, [role]: { ...draft[role], [type]: { ...pair, [period]: next } } });
  };

  return (
    <form
      className="rl-bo"
      data-testid="authority-limits"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, {
          onSuccess: () => notifySuccess(t("backoffice.settings.saved")),
          onError: notifyError,
        });
      }}
    >
      <Stack gap="md" maw={900}>
        <Text size="sm" c="dimmed">
          {t("backoffice.settings.help")}
        </Text>
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder verticalSpacing="xs" aria-label={t("backoffice.settings.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>{t("backoffice.settings.action")}</Table.Th>
                {ROLES.map((role) => (
                  <Table.Th key={role} colSpan={2} ta="center">
                    {t(`roles.${role}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
              <Table.Tr>
                {ROLES.flatMap((role) =>
                  PERIODS.map((period) => (
                    <Table.Th key={`${role}-${period}`}>
                      {t(`backoffice.settings.${period}`)}
                    </Table.Th>
                  )),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ACTION_TYPE_VALUES.map((type) => (
                <Table.Tr key={type}>
                  <Table.Th scope="row" fw={500}>
                    {t(`backoffice.actionTypes.${type}`)}
                  </Table.Th>
                  {ROLES.flatMap((role) =>
                    PERIODS.map((period) => (
                      <Table.Td key={`${role}-${period}`}>
                        <NumberInput
                          size="xs"
                          min={0}
                          decimalScale={2}
                          decimalSeparator={locale === "fr" ? "," : "."}
                          placeholder={t("backoffice.settings.unlimited")}
                          aria-label={t("backoffice.settings.cell", {
                            role: t(`roles.${role}`),
                            action: t(`backoffice.actionTypes.${type}`),
                            period: t(`backoffice.settings.${period}`),
                          })}
                          value={value(role, type, period) ?? ""}
                          onChange={(next) =>
                            set(role, type, period, next === "" ? null : Number(next))
                          }
                          data-testid={`limit-${role}-${type}-${period}`}
                        />
                      </Table.Td>
                    )),
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {t("backoffice.settings.admins")}
        </Text>
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="limits-save">
            {t("actions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
