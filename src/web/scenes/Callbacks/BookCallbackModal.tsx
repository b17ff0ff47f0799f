import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TConversation } from "../../../shared/schemas.ts";
import { LocalTimes } from "../../components/LocalTimes.tsx";
import { type TSlot, useCallbackSlots, useCreateCallback } from "../../hooks/api/callbacks.ts";
import { useContact } from "../../hooks/api/contacts.ts";
import { useMe } from "../../hooks/api/session.ts";
import { useTeams } from "../../hooks/api/teams.ts";
import { describeError, notifySuccess } from "../../lib/notify.ts";
import { toLocalTime } from "../../lib/zones.ts";
import { SlotPicker } from "./SlotPicker.tsx";

interface BookCallbackModalProps {
  conversation: TConversation;
  onClose: () => void;
}

/** Books a call back to the customer at a free time, read on their clock and the team's. */
export function BookCallbackModal({ conversation, onClose }: BookCallbackModalProps) {
  const { t } = useTranslation();
  const { user, account } = useMe();
  const contact = useContact(conversation.contact.id);
  const teams = useTeams();
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const create = useCreateCallback();
  const known = contact.data;
  const [phone, setPhone] = useState<string | null>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(conversation.team?.id ?? null);
  const [slot, setSlot] = useState<TSlot | null>(null);
  const [note, setNote] = useState("");
  const [notify, setNotify] = useState(true);
  const customerZone = zone ?? known?.timeZone ?? account.timeZone;
  const customerPhone = phone ?? known?.phone ?? conversation.contact.phone ?? "";
  const slots = useCallbackSlots(customerZone, teamId, true);
  const agentZone = user.timeZone ?? account.timeZone;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!slot) return;
    create.mutate(
      {
        conversationId: conversation.id,
        scheduledAt: slot.start,
        phone: customerPhone.trim() || undefined,
        timeZone: customerZone,
        teamId: teamId ?? undefined,
        note: note.trim() || undefined,
        notifyCustomer: notify,
      },
      {
        onSuccess: () => {
          notifySuccess(t("callbacks.booked"));
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("callbacks.bookTitle")} size={680} centered>
      <form onSubmit={submit} data-testid="book-callback">
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t("callbacks.phone")}
              description={t("callbacks.phoneHelp")}
              type="tel"
              value={customerPhone}
              onChange={(event) => setPhone(event.currentTarget.value)}
              placeholder="+33 6 12 34 56 78"
              required
              data-testid="callback-phone"
            />
            <Select
              label={t("callbacks.customerZone")}
              description={known?.timeZone ? t("callbacks.zoneKnown") : t("callbacks.zoneUnknown")}
              data={zones}
              value={customerZone}
              onChange={(value) => {
                if (!value) return;
                setZone(value);
                setSlot(null);
              }}
              searchable
              allowDeselect={false}
              data-testid="callback-zone"
            />
          </Group>
          <Select
            label={t("callbacks.team")}
            description={t("callbacks.teamHelp")}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            value={teamId}
            onChange={(value) => {
              setTeamId(value);
              setSlot(null);
            }}
            placeholder={t("callbacks.anyTeam")}
            clearable
            maw={320}
            data-testid="callback-team"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t("callbacks.when")}
            </Text>
            {slots.error ? (
              <Alert color="orange" variant="light" p="sm" role="status" data-testid="slots-error">
                <Text size="sm">{describeError(slots.error)}</Text>
              </Alert>
            ) : (
              <SlotPicker
                slots={slots.data}
                loading={slots.isPending}
                value={slot?.start ?? null}
                onChange={setSlot}
              />
            )}
          </div>
          {slot && (
            <div className="rl-slot-summary" data-testid="chosen-slot">
              <LocalTimes
                customer={slot.customer}
                agent={toLocalTime(slot.start, agentZone)}
                team={slot.team}
              />
            </div>
          )}
          <Textarea
            label={t("callbacks.note")}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={2000}
          />
          <Switch
            label={t("callbacks.notifyCustomer")}
            checked={notify}
            onChange={(event) => setNotify(event.currentTarget.checked)}
          />
          {create.error && (
            <Alert color="red" variant="light" p="sm" role="alert">
              <Text size="sm">{describeError(create.error)}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              disabled={!slot || !customerPhone.trim()}
              loading={create.isPending}
              data-testid="callback-book"
            >
              {t("callbacks.book")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
