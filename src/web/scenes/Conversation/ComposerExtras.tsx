import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconHandGrab } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { replyLength, signedReply, type TEmailHeaders } from "../../../shared/replies.ts";
import type { TChannel } from "../../../shared/schemas.ts";
import { type ConversationDetail, useUpdateConversation } from "../../hooks/api/conversations.ts";
import { useMe } from "../../hooks/api/session.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

const splitAddresses = (value: string) =>
  value
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
const looksLikeAddress = (value: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);

/** The default subject of a reply, as the server would write it (without its tag). */
const replySubject = (subject: string | null) =>
  !subject ? "" : /^(re|aw|réf|ref|sv)\s*:/i.test(subject) ? subject : `Re: ${subject}`;

export interface EmailHeadersState {
  /** The headers to send: only those the agent changed (null: none). */
  headers: TEmailHeaders | null;
  /** A field holds something that is not an address. */
  invalid: boolean;
  fields: ReactNode;
  reset(): void;
}

/**
 * Subject, To, Cc and Bcc of an email reply, filled with what the reply would use anyway (the
 * thread's subject, the customer's address); what the agent leaves unchanged is not sent, so
 * the server's defaults (Reply-To of the customer's mail) still apply.
 */
export function useEmailHeaders(
  conversation: ConversationDetail,
  active: boolean,
): EmailHeadersState {
  const { t } = useTranslation();
  const defaultTo = conversation.contact.email ?? "";
  const defaultSubject = replySubject(conversation.subject);
  const [to, setTo] = useState(defaultTo);
  const [cc, setCc] = useState("");
  const [bcc, setBcc] = useState("");
  const [subject, setSubject] = useState(defaultSubject);
  const [copies, setCopies] = useState(false);
  const lists = { to: splitAddresses(to), cc: splitAddresses(cc), bcc: splitAddresses(bcc) };
  const wrong = (list: string[]) => list.find((value) => !looksLikeAddress(value));
  const errorOf = (list: string[]) => {
    const bad = wrong(list);
    return bad ? t("email.invalid", { value: bad }) : undefined;
  };
  const invalid = Boolean(wrong(lists.to) || wrong(lists.cc) || wrong(lists.bcc));
  const headers: TEmailHeaders = {
    ...(subject.trim() && subject.trim() !== defaultSubject && { subject: subject.trim() }),
    ...(to.trim() !== defaultTo && lists.to.length > 0 && { to: lists.to }),
    ...(lists.cc.length > 0 && { cc: lists.cc }),
    ...(lists.bcc.length > 0 && { bcc: lists.bcc }),
  };
  const reset = () => {
    setTo(defaultTo);
    setCc("");
    setBcc("");
    setSubject(defaultSubject);
  };
  const fields = active ? (
    <Stack gap={4} mb={6} data-testid="email-headers">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <TextInput
          size="xs"
          label={t("email.to")}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          error={errorOf(lists.to)}
          style={{ flex: 1 }}
          data-testid="email-to"
        />
        {!copies && (
          <Button
            size="compact-xs"
            variant="subtle"
            mt={22}
            onClick={() => setCopies(true)}
            data-testid="email-show-copies"
          >
            {t("email.showCopies")}
          </Button>
        )}
      </Group>
      {copies && (
        <Group gap="xs" wrap="nowrap" align="flex-start" grow>
          <TextInput
            size="xs"
            label={t("email.cc")}
            placeholder={t("email.addressesHelp")}
            value={cc}
            onChange={(event) => setCc(event.currentTarget.value)}
            error={errorOf(lists.cc)}
            data-testid="email-cc"
          />
          <TextInput
            size="xs"
            label={t("email.bcc")}
            placeholder={t("email.addressesHelp")}
            value={bcc}
            onChange={(event) => setBcc(event.currentTarget.value)}
            error={errorOf(lists.bcc)}
            data-testid="email-bcc"
          />
        </Group>
      )}
      <TextInput
        size="xs"
        label={t("email.subject")}
        value={subject}
        onChange={(event) => setSubject(event.currentTarget.value)}
        maxLength={300}
        data-testid="email-subject"
      />
    </Stack>
  ) : null;
  return { headers: Object.keys(headers).length > 0 ? headers : null, invalid, fields, reset };
}

/**
 * Characters of a public reply against the network's limit, counted on what the customer will
 * read: the text and, where the channel signs public replies, the agent's signature. Null when
 * the reply is not public or the network sets no limit.
 */
export function usePublicCount(text: string, channel: TChannel | undefined, isPublic: boolean) {
  const { user } = useMe();
  const limit = channel?.publicReplyLimit ?? null;
  if (!isPublic || !limit) return null;
  const signature = channel?.signPublicReplies && user.signature ? user.signature : null;
  const count = replyLength(signedReply(text.trim(), signature));
  return { count, limit, signature, over: count > limit };
}

export function PublicCount({ value }: { value: NonNullable<ReturnType<typeof usePublicCount>> }) {
  const { t } = useTranslation();
  const { count, limit, signature, over } = value;
  return (
    <Text
      size="xs"
      c={over ? "red.9" : "dimmed"}
      aria-live="polite"
      ta="right"
      mt={4}
      data-testid="reply-counter"
      data-over={over || undefined}
    >
      {over
        ? t("signature.tooLong", { count: count - limit })
        : signature
          ? t("signature.counterSigned", { count, limit, signature })
          : t("signature.counter", { count, limit })}
    </Text>
  );
}

/**
 * When replying does not assign (the account's "assign on reply" is off), an unassigned
 * conversation offers the agent to take it before answering.
 */
export function TakeItOffer({ conversation }: { conversation: ConversationDetail }) {
  const { t } = useTranslation();
  const { user, account } = useMe();
  const update = useUpdateConversation(conversation.id);
  if (conversation.assignee || account.assignOnReply || conversation.status === "resolved") {
    return null;
  }
  return (
    <Group gap="xs" mb={6} wrap="nowrap" data-testid="take-it">
      <Text size="xs" c="dimmed">
        {t("takeIt.offer")}
      </Text>
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconHandGrab size={12} />}
        loading={update.isPending}
        onClick={() =>
          update.mutate(
            { assigneeId: user.id },
            { onSuccess: () => notifySuccess(t("takeIt.taken")), onError: notifyError },
          )
        }
      >
        {t("takeIt.take")}
      </Button>
    </Group>
  );
}
