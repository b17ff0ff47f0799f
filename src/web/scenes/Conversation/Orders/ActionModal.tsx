import {
  Alert,
  Blockquote,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { IconCircleCheck, IconCircleX, IconClockPause } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  TActionType,
  TAgentAction,
  TConversationOrder,
} from "../../../../shared/backoffice.ts";
import type { TConversation } from "../../../../shared/schemas.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useArrivalEstimates, useCreateAction } from "../../../hooks/api/backoffice.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { offerToComposer } from "../../../lib/composerOffer.ts";
import { customerSentence } from "./customerSentence.ts";
import { formatDay, formatMoney, MONEY_ACTIONS } from "./display.ts";
import { LimitNotice } from "./LimitNotice.tsx";

interface ActionModalProps {
  conversation: TConversation;
  order: TConversationOrder;
  type: TActionType;
  onClose: () => void;
}

const RESULT_ICONS = {
  done: { color: "teal", icon: <IconCircleCheck size={18} aria-hidden /> },
  pending_approval: { color: "yellow", icon: <IconClockPause size={18} aria-hidden /> },
  refused: { color: "red", icon: <IconCircleX size={18} aria-hidden /> },
  rejected: { color: "red", icon: <IconCircleX size={18} aria-hidden /> },
} as const;

function ActionResult(props: {
  action: TAgentAction;
  order: TConversationOrder;
  conversation: TConversation;
  onClose: () => void;
}) {
  const { action, order, conversation, onClose } = props;
  const { t } = useTranslation();
  const locale = currentLocale();
  const base = conversation.language?.slice(0, 2);
  const language = base === "fr" || base === "en" ? base : locale;
  const estimates = useArrivalEstimates();
  const offer = customerSentence({ t, language, action, order, estimates: estimates.data });
  const shortage = action.lines
    .map((line) => order.lines.find((row) => row.sku === line.sku))
    .find((line) => line?.stock && line.stock.available <= 0);
  const style = RESULT_ICONS[action.status];
  return (
    <Stack gap="md" data-testid="action-result" data-status={action.status}>
      <Alert variant="light" color={style.color} icon={style.icon} role="status">
        <Text size="sm" fw={600}>
          {t(`backoffice.result.${action.status}`, {
            type: t(`backoffice.actionTypes.${action.type}`),
          })}
        </Text>
        {action.status === "refused" && (
          <Text size="sm" className="rl-wrap" data-testid="action-refusal">
            {shortage?.stock?.restockDate
              ? t("backoffice.result.restock", {
                  name: shortage.name,
                  date: formatDay(shortage.stock.restockDate, locale),
                })
              : action.reason}
          </Text>
        )}
      </Alert>
      {offer && (
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t("backoffice.result.sentence", { language: t(`backoffice.languages.${language}`) })}
          </Text>
          <Blockquote p="sm" color="gray" data-testid="action-sentence" lang={language}>
            <Text size="sm" className="rl-wrap">
              {offer.text}
            </Text>
          </Blockquote>
        </div>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t("actions.close")}
        </Button>
        {offer && (
          <Button
            data-testid="offer-to-composer"
            onClick={() => {
              offerToComposer(conversation.id, offer);
              onClose();
            }}
          >
            {t("backoffice.result.insert")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/**
 * Confirms an agent action on an order: what is acted on (lines or an amount), why, and what is
 * left of today's limit; then shows what happened and offers the customer sentence to the reply.
 * The idempotency key is drawn once per dialog, so a double click or a retry never acts twice.
 */
export function ActionModal({ conversation, order, type, onClose }: ActionModalProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const create = useCreateAction(conversation.id);
  const [key] = useState(() => crypto.randomUUID());
  const money = MONEY_ACTIONS.includes(type);
  const left = Math.max(0, order.total - order.refunded);
  const [amount, setAmount] = useState<number | string>("");
  const [reason, setReason] = useState("");
  const [quantities, setQuantities] = useState<Record<string, number>>(() =>
    Object.fromEntries(order.lines.map((line) => [line.sku, line.quantity])),
  );
  const chosen = order.lines
    .filter((line) => (quantities[line.sku] ?? 0) > 0)
    .map((line) => ({ sku: line.sku, quantity: quantities[line.sku] ?? 0 }));
  const value = money
    ? Number(amount) || 0
    : chosen.reduce(
        (sum, line) =>
          sum + line.quantity * (order.lines.find((row) => row.sku === line.sku)?.unitPrice ?? 0),
        0,
      );
  const ready =
    reason.trim().length > 0 && (money ? value > 0 && value <= left : chosen.length > 0);
  const title = t(`backoffice.confirm.title.${type}`, { number: order.number });

  const submit = () => {
    if (!ready || create.isPending) return;
    create.mutate({
      type,
      orderId: order.id,
      lines: money ? [] : chosen,
      ...(money ? { amount: value, currency: order.currency } : {}),
      reason: reason.trim(),
      idempotencyKey: key,
    });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="lg"
      classNames={{ content: "rl-bo" }}
      closeButtonProps={{ "aria-label": t("actions.close") }}
      data-testid="action-modal"
    >
      {create.data ? (
        <ActionResult
          action={create.data}
          order={order}
          conversation={conversation}
          onClose={onClose}
        />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            {money ? (
              <NumberInput
                label={t("backoffice.confirm.amount", { currency: order.currency })}
                description={t("backoffice.confirm.amountLeft", {
                  amount: formatMoney(left, order.currency, locale),
                })}
                value={amount}
                onChange={setAmount}
                min={0}
                max={left}
                decimalScale={2}
                decimalSeparator={locale === "fr" ? "," : "."}
                required
                data-autofocus
                data-testid="action-amount"
                error={value > left ? t("backoffice.confirm.tooMuch") : undefined}
              />
            ) : (
              <Stack gap={6}>
                <Text size="sm" fw={500} id="action-lines-label">
                  {t("backoffice.confirm.lines")}
                </Text>
                {order.lines.map((line) => {
                  const quantity = quantities[line.sku] ?? 0;
                  const short =
                    type === "replacement" &&
                    line.stock !== null &&
                    line.stock.available < quantity;
                  return (
                    <Group key={line.sku} gap="sm" wrap="nowrap" data-testid="action-line">
                      <Checkbox
                        checked={quantity > 0}
                        onChange={(event) =>
                          setQuantities({
                            ...quantities,
                            [line.sku]: event.currentTarget.checked ? line.quantity : 0,
                          })
                        }
                        label={`${line.name} (${line.sku})`}
                        style={{ flex: 1, minWidth: 0 }}
                      />
                      <NumberInput
                        aria-label={t("backoffice.confirm.quantity", { name: line.name })}
                        value={quantity}
                        onChange={(next) =>
                          setQuantities({ ...quantities, [line.sku]: Number(next) || 0 })
                        }
                        min={0}
                        max={line.quantity}
                        w={80}
                        size="xs"
                        error={short ? t("backoffice.confirm.short") : undefined}
                      />
                    </Group>
                  );
                })}
              </Stack>
            )}
            <Textarea
              label={t("backoffice.confirm.reason")}
              placeholder={t("backoffice.confirm.reasonPlaceholder")}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              required
              autosize
              minRows={2}
              maxLength={1000}
              data-testid="action-reason"
              {...(money ? {} : { "data-autofocus": true })}
            />
            <LimitNotice type={type} value={value} currency={order.currency} />
            {create.error && <ErrorState error={create.error} />}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t("actions.cancel")}
              </Button>
              <Button
                type="submit"
                disabled={!ready}
                loading={create.isPending}
                data-testid="action-confirm"
              >
                {t(`backoffice.confirm.submit.${type}`)}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
