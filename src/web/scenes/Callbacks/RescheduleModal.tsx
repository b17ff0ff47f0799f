import { Alert, Button, Group, Modal, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LocalTimes } from "../../components/LocalTimes.tsx";
import {
  type TCallback,
  type TSlot,
  useCallbackSlots,
  useUpdateCallback,
} from "../../hooks/api/callbacks.ts";
import { describeError, notifySuccess } from "../../lib/notify.ts";
import { toLocalTime } from "../../lib/zones.ts";
import { SlotPicker } from "./SlotPicker.tsx";

/** Another free time for a callback, offered on the customer's clock (their zone is kept). */
export function RescheduleModal({
  callback,
  onClose,
}: {
  callback: TCallback;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const slots = useCallbackSlots(callback.customerTime.timeZone, callback.team?.id ?? null, true);
  const update = useUpdateCallback();
  const [slot, setSlot] = useState<TSlot | null>(null);
  const [notify, setNotify] = useState(true);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("callbacks.rescheduleTitle", {
        name: callback.contact.name ?? callback.phone,
      })}
      size={680}
      centered
    >
      <Stack gap="sm" data-testid="reschedule">
        <Text size="sm" c="dimmed">
          {t("callbacks.currently")}
        </Text>
        <LocalTimes
          customer={callback.customerTime}
          agent={callback.agentTime}
          team={callback.teamTime}
          teamName={callback.team?.name}
        />
        <SlotPicker
          slots={slots.data}
          loading={slots.isPending}
          value={slot?.start ?? null}
          onChange={setSlot}
        />
        {slot && (
          <div className="rl-slot-summary" data-testid="chosen-slot">
            <LocalTimes
              customer={slot.customer}
              agent={toLocalTime(slot.start, callback.agentTime.timeZone)}
              team={slot.team}
              teamName={callback.team?.name}
            />
          </div>
        )}
        <Switch
          label={t("callbacks.notifyCustomer")}
          checked={notify}
          onChange={(event) => setNotify(event.currentTarget.checked)}
        />
        {update.error && (
          <Alert color="red" variant="light" p="sm" role="alert">
            <Text size="sm">{describeError(update.error)}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            disabled={!slot}
            loading={update.isPending}
            onClick={() =>
              slot &&
              update.mutate(
                { id: callback.id, changes: { scheduledAt: slot.start, notifyCustomer: notify } },
                {
                  onSuccess: () => {
                    notifySuccess(t("callbacks.rescheduled"));
                    onClose();
                  },
                },
              )
            }
            data-testid="reschedule-save"
          >
            {t("callbacks.reschedule")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
