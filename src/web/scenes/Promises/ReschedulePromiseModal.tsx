import { Alert, Button, Group, Modal, Stack, Switch, Text } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TPromise } from "../../../shared/sla.ts";
import { useReschedulePromise } from "../../hooks/api/sla.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { describeError, notifySuccess } from "../../lib/notify.ts";

/** A new due time for a promise; the customer is told it, with an apology, unless unticked. */
export function ReschedulePromiseModal({
  promise,
  onClose,
}: {
  promise: TPromise;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const reschedule = useReschedulePromise();
  // A day later than promised (or than now, when already late), to adjust from.
  const [dueAt, setDueAt] = useState<string | null>(() => {
    const base = dayjs(promise.dueAt).isAfter(dayjs()) ? dayjs(promise.dueAt) : dayjs();
    return base.add(1, "day").second(0).format("YYYY-MM-DD HH:mm:ss");
  });
  const [tell, setTell] = useState(true);
  const valid = dueAt !== null && dayjs(dueAt).isAfter(dayjs());
  const save = () => {
    if (!dueAt || !valid) return;
    reschedule.mutate(
      { id: promise.id, dueAt: dayjs(dueAt).toISOString(), tellCustomer: tell },
      {
        onSuccess: () => {
          notifySuccess(t("sla.promises.rescheduledDone"));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("sla.promises.rescheduleTitle")}
      closeButtonProps={{ "aria-label": t("actions.close") }}
      centered
    >
      <Stack gap="sm" data-testid="promise-reschedule-modal">
        <Text size="sm" className="rl-wrap">
          {t("sla.promises.currently", {
            text: promise.text,
            date: formatDateTime(promise.dueAt, locale),
          })}
        </Text>
        <DateTimePicker
          label={t("sla.promises.newTime")}
          value={dueAt}
          onChange={setDueAt}
          minDate={new Date()}
          valueFormat="DD MMM YYYY HH:mm"
          placeholder={t("sla.nextStep.pick")}
          data-testid="promise-new-due"
          data-autofocus
        />
        <Switch
          label={t("sla.promises.tellCustomer")}
          checked={tell}
          onChange={(event) => setTell(event.currentTarget.checked)}
          data-testid="promise-tell-customer"
        />
        <Text size="xs" c="gray.7" mt={-8}>
          {t("sla.promises.tellCustomerHelp")}
        </Text>
        {reschedule.error && (
          <Alert color="red" variant="light" p="sm" role="alert">
            <Text size="sm">{describeError(reschedule.error)}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            color="brand.8"
            disabled={!valid}
            loading={reschedule.isPending}
            onClick={save}
            data-testid="promise-reschedule-save"
          >
            {t("sla.promises.rescheduleSave")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
