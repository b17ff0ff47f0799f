import { Badge, Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import {
  ACTION_TYPE_VALUES,
  type TActionType,
  type TConversationOrder,
} from "../../../../shared/backoffice.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { ACTION_STATUS_COLORS, formatDay, formatMoney } from "./display.ts";
import { ShipmentTimeline } from "./ShipmentTimeline.tsx";

type Line = TConversationOrder["lines"][number];

function StockNote({ line }: { line: Line }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!line.stock) {
    return (
      <Text size="xs" c="dimmed">
        {t("backoffice.stock.unknown")}
      </Text>
    );
  }
  const restock = line.stock.restockDate
    ? t("backoffice.stock.restock", { date: formatDay(line.stock.restockDate, locale) })
    : null;
  if (line.stock.available <= 0) {
    return (
      <Text size="xs" className="rl-bo-out" data-testid="stock" data-available={0}>
        {t("backoffice.stock.out")}
        {restock && ` · ${restock}`}
      </Text>
    );
  }
  return (
    <Text
      size="xs"
      className="rl-bo-in-stock"
      data-testid="stock"
      data-available={line.stock.available}
    >
      {t("backoffice.stock.available", { count: line.stock.available })}
      {restock && (
        <Text span size="xs" c="dimmed">
          {` · ${restock}`}
        </Text>
      )}
    </Text>
  );
}

interface OrderCardProps {
  order: TConversationOrder;
  onAct: (type: TActionType) => void;
}

/** An order beside the conversation: flags, lines with stock, shipments, actions taken, buttons. */
export function OrderCard({ order, onAct }: OrderCardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const customer = order.contact.name ?? order.contact.email ?? t("contact.unknown");
  return (
    <section
      className="rl-bo-order"
      aria-label={t("backoffice.order.label", { number: order.number })}
      data-testid="order"
      data-order={order.number}
      data-mentioned={order.mentioned}
      data-other-customer={order.otherCustomer}
    >
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} className="rl-wrap">
          {t("backoffice.order.number", { number: order.number })}
        </Text>
        <Text size="xs" fw={600}>
          {formatMoney(order.total, order.currency, locale)}
        </Text>
      </Group>
      <Group gap={4} mt={4} mb={6}>
        <Badge size="xs" variant="dot" color="gray" data-testid="order-status">
          {t(`backoffice.orderStatus.${order.status}`, { defaultValue: order.status })}
        </Badge>
        {order.mentioned && (
          <Tooltip label={t("backoffice.order.mentionedFull")}>
            <Badge size="xs" variant="dot" color="blue" data-testid="order-mentioned">
              {t("backoffice.order.mentioned")}
            </Badge>
          </Tooltip>
        )}
        {order.refunded > 0 && (
          <Badge size="xs" variant="dot" color="grape">
            {t("backoffice.order.refunded", {
              amount: formatMoney(order.refunded, order.currency, locale),
            })}
          </Badge>
        )}
      </Group>
      {order.otherCustomer && (
        <Group
          gap={6}
          wrap="nowrap"
          align="flex-start"
          className="rl-bo-warning"
          role="note"
          data-testid="order-other-customer"
        >
          <IconAlertTriangle size={15} aria-hidden style={{ flexShrink: 0, marginTop: 1 }} />
          <Text size="xs" className="rl-wrap">
            {t("backoffice.order.otherCustomer", { name: customer })}
          </Text>
        </Group>
      )}
      <Text size="xs" c="dimmed" mb={4}>
        {t("backoffice.order.placed", {
          date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(
            new Date(order.placedAt),
          ),
        })}
      </Text>
      <Stack gap={6} mb={6}>
        {order.lines.map((line) => (
          <div key={line.sku} data-testid="order-line" data-sku={line.sku}>
            <Text size="xs" className="rl-wrap">
              {line.quantity} × {line.name}{" "}
              <Text span size="xs" c="dimmed">
                ({line.sku})
              </Text>
            </Text>
            <StockNote line={line} />
          </div>
        ))}
      </Stack>
      {order.shipments.length === 0 ? (
        <Text size="xs" c="dimmed" mb={6}>
          {t("backoffice.shipment.none")}
        </Text>
      ) : (
        <Stack gap={8} mb={6}>
          {order.shipments.map((shipment) => (
            <ShipmentTimeline key={shipment.id} shipment={shipment} />
          ))}
        </Stack>
      )}
      {order.actions.length > 0 && (
        <Stack gap={2} mb={6}>
          {order.actions.map((action) => (
            <Group key={action.id} gap={6} wrap="nowrap" data-testid="order-action">
              <Badge size="xs" variant="dot" color={ACTION_STATUS_COLORS[action.status]}>
                {t(`backoffice.actionStatus.${action.status}`)}
              </Badge>
              <Text size="xs" className="rl-wrap">
                {t(`backoffice.actionTypes.${action.type}`)}
                {action.amount > 0 && ` · ${formatMoney(action.amount, action.currency, locale)}`}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <Group gap={4} role="group" aria-label={t("backoffice.actions.title")}>
        {ACTION_TYPE_VALUES.map((type) => (
          <Button
            key={type}
            size="compact-xs"
            variant="default"
            onClick={() => onAct(type)}
            data-testid={`act-${type}`}
            disabled={order.otherCustomer}
            title={order.otherCustomer ? t("backoffice.order.otherCustomerNoAction") : undefined}
          >
            {t(`backoffice.actionTypes.${type}`)}
          </Button>
        ))}
      </Group>
    </section>
  );
}
