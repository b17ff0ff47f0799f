import "../../Backoffice/backoffice.css";
import { Skeleton, Stack, Text } from "@mantine/core";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TActionType, TConversationOrder } from "../../../../shared/backoffice.ts";
import { useConversationOrders } from "../../../hooks/api/backoffice.ts";
import { OrderCard } from "./OrderCard.tsx";

/** The confirmation dialog, loaded when an agent first acts. */
const ActionModal = lazy(async () => ({
  default: (await import("./ActionModal.tsx")).ActionModal,
}));

/**
 * The back office beside the conversation: the orders the customer named (flagged, and flagged
 * again when another customer placed them) and their recent ones, with stock and shipments, and
 * the actions an agent may take on each.
 */
export function OrdersSection({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { orders, isPending, data } = useConversationOrders(conversationId);
  const [acting, setActing] = useState<{ order: TConversationOrder; type: TActionType } | null>(
    null,
  );
  const current = acting && (orders.find((order) => order.id === acting.order.id) ?? acting.order);
  return (
    <div className="rl-bo" data-testid="orders-section">
      <Text className="rl-panel-title">
        {t("backoffice.orders.title")}{" "}
        {orders.length > 0 && <span className="rl-tab-count">{orders.length}</span>}
      </Text>
      <Stack gap="sm" mb="md">
        {isPending && <Skeleton height={60} />}
        {!isPending && orders.length === 0 && (
          <Text size="xs" c="dimmed">
            {t("backoffice.orders.none")}
          </Text>
        )}
        {orders.map((order) => (
          <OrderCard key={order.id} order={order} onAct={(type) => setActing({ order, type })} />
        ))}
      </Stack>
      {acting && current && data && (
        <Suspense fallback={null}>
          <ActionModal
            conversation={data}
            order={current}
            type={acting.type}
            onClose={() => setActing(null)}
          />
        </Suspense>
      )}
    </div>
  );
}
