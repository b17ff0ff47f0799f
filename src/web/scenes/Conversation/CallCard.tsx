import { Anchor, Badge, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import {
  IconArrowDownLeft,
  IconArrowUpRight,
  IconNotes,
  IconPhone,
  IconPlayerPlay,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddCallNote } from "../../hooks/api/callbacks.ts";
import { currentLocale } from "../../i18n/index.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { formatCallDuration } from "../Callbacks/CallbackCard.tsx";
import type { CallMeta } from "./messageMeta.ts";

const STATUS_COLORS: Record<string, string> = {
  queued: "gray",
  initiated: "gray",
  ringing: "blue",
  "in-progress": "grape",
  completed: "teal",
  busy: "orange",
  "no-answer": "orange",
  failed: "red",
  canceled: "gray",
};

/** Notes on a call, written by the agent after (or during) it. */
function CallNoteForm({ conversationId, callId }: { conversationId: string; callId: string }) {
  const { t } = useTranslation();
  const add = useAddCallNote(conversationId);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  if (!open) {
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconNotes size={12} />}
        onClick={() => setOpen(true)}
        data-testid="call-note-open"
      >
        {t("calls.addNote")}
      </Button>
    );
  }
  return (
    <Stack gap={6} mt={4} w="100%">
      <Textarea
        size="xs"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        placeholder={t("calls.notePlaceholder")}
        aria-label={t("calls.addNote")}
        autosize
        minRows={2}
        maxRows={8}
        autoFocus
        data-testid="call-note-text"
      />
      <Group gap={6} justify="flex-end">
        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setOpen(false)}>
          {t("actions.cancel")}
        </Button>
        <Button
          size="compact-xs"
          disabled={!text.trim()}
          loading={add.isPending}
          onClick={() =>
            add.mutate(
              { callId, text: text.trim() },
              {
                onSuccess: () => {
                  notifySuccess(t("calls.noteSaved"));
                  setText("");
                  setOpen(false);
                },
                onError: notifyError,
              },
            )
          }
          data-testid="call-note-save"
        >
          {t("calls.saveNote")}
        </Button>
      </Group>
    </Stack>
  );
}

interface CallCardProps {
  call: CallMeta;
  conversationId: string;
  /** The call's id when the message does not carry it (an incoming call), from the calls list. */
  callId: string | null;
  /** Offer to take notes (on the call's latest step only). */
  withNotes: boolean;
}

/** A call in the timeline: which way, its state, how long, its recording, and the agent's notes. */
export function CallCard({ call, conversationId, callId, withNotes }: CallCardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const Direction = call.direction === "inbound" ? IconArrowDownLeft : IconArrowUpRight;
  const id = call.callId ?? callId;
  return (
    <div className="rl-call-card" data-testid="call-card" data-call-status={call.status}>
      <Group gap={8} wrap="wrap">
        <IconPhone size={15} color="var(--mantine-color-grape-7)" />
        <Text size="sm" fw={600}>
          {call.direction === "inbound" ? t("calls.inbound") : t("calls.outbound")}
        </Text>
        <Badge size="xs" variant="light" color={STATUS_COLORS[call.status] ?? "gray"}>
          {t(`calls.statuses.${call.status}`, { defaultValue: call.status })}
        </Badge>
        {call.duration !== null && call.duration > 0 && (
          <Text size="xs" c="dimmed" data-testid="call-duration">
            {formatCallDuration(call.duration, locale)}
          </Text>
        )}
      </Group>
      {(call.from || call.to) && (
        <Group gap={4} mt={2} wrap="wrap">
          <Direction size={12} color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed" ff="monospace">
            {call.from ?? "?"} → {call.to ?? "?"}
          </Text>
        </Group>
      )}
      <Group gap={10} mt={4} wrap="wrap">
        {call.recordingUrl && (
          <Anchor
            size="xs"
            href={call.recordingUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="rl-attachment"
            data-testid="call-recording"
          >
            <IconPlayerPlay size={12} />
            {t("calls.recording")}
          </Anchor>
        )}
        {id && withNotes && <CallNoteForm conversationId={conversationId} callId={id} />}
      </Group>
    </div>
  );
}
