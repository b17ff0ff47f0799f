import { Button, Group, Loader, NumberInput, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TArrivalEstimates } from "../../../../shared/backoffice.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useArrivalEstimates, useSaveArrivalEstimates } from "../../../hooks/api/backoffice.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

/**
 * How long a refund takes to reach the customer's bank and a replacement their door, in working
 * days: the sentence offered to agents after an action promises these.
 */
export function ArrivalEstimatesSettings() {
  const { t } = useTranslation();
  const estimates = useArrivalEstimates();
  const save = useSaveArrivalEstimates();
  const [draft, setDraft] = useState<TArrivalEstimates | null>(null);
  useEffect(() => {
    if (estimates.data) setDraft(estimates.data);
  }, [estimates.data]);

  if (estimates.isError) {
    return <ErrorState error={estimates.error} onRetry={() => estimates.refetch()} />;
  }
  if (!draft) return <Loader size="sm" />;

  return (
    <form
      data-testid="arrival-estimates"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, {
          onSuccess: () => notifySuccess(t("backoffice.arrival.saved")),
          onError: notifyError,
        });
      }}
    >
      <Stack gap="sm" maw={900}>
        <Title order={3} size="h5">
          {t("backoffice.arrival.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("backoffice.arrival.help")}
        </Text>
        <Group align="flex-end" gap="md">
          <DaysInput
            max={60}
            label={t("backoffice.arrival.refundMin")}
            value={draft.refund.minDays}
            onChange={(value) =>
              setDraft({ ...draft, refund: { ...draft.refund, minDays: value } })
            }
            testId="arrival-refund-min"
          />
          <DaysInput
            max={90}
            label={t("backoffice.arrival.refundMax")}
            value={draft.refund.maxDays}
            onChange={(value) =>
              setDraft({ ...draft, refund: { ...draft.refund, maxDays: value } })
            }
            testId="arrival-refund-max"
          />
          <DaysInput
            max={60}
            label={t("backoffice.arrival.replacement")}
            value={draft.replacement.days}
            onChange={(value) => setDraft({ ...draft, replacement: { days: value } })}
            testId="arrival-replacement"
          />
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="arrival-save">
            {t("actions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A whole number of days (never below zero), as the estimates are kept. */
function DaysInput(props: {
  max: number;
  label: string;
  value: number;
  onChange: (days: number) => void;
  testId: string;
}) {
  return (
    <NumberInput
      size="xs"
      w={220}
      min={0}
      max={props.max}
      allowDecimal={false}
      label={props.label}
      value={props.value}
      onChange={(value) => props.onChange(Math.max(0, Math.round(Number(value) || 0)))}
      data-testid={props.testId}
    />
  );
}
