import {
  Anchor,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { IconChecklist } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TApproval } from "../../../shared/backoffice.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useApprovals, useDecideApproval } from "../../hooks/api/backoffice.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatRelative } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { formatMoney } from "../Conversation/Orders/display.ts";

type Status = TApproval["status"];

function RejectModal({ approval, onClose }: { approval: TApproval; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideApproval();
  const [reason, setReason] = useState("");
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("backoffice.approvals.rejectTitle")}
      classNames={{ content: "rl-bo" }}
      closeButtonProps={{ "aria-label": t("actions.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          decide.mutate(
            { id: approval.id, decision: "reject", reason: reason.trim() },
            {
              onSuccess: () => {
                notifySuccess(t("backoffice.approvals.rejected"));
                onClose();
              },
              onError: notifyError,
            },
          );
        }}
      >
        <Stack gap="md">
          <Textarea
            label={t("backoffice.approvals.rejectReason")}
            description={t("backoffice.approvals.rejectHelp")}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={1000}
            data-autofocus
            data-testid="reject-reason"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              color="red"
              disabled={!reason.trim()}
              loading={decide.isPending}
              data-testid="reject-confirm"
            >
              {t("backoffice.approvals.reject")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ApprovalCard({ approval, onReject }: { approval: TApproval; onReject: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const decide = useDecideApproval();
  const what =
    approval.lines.length > 0
      ? approval.lines.map((line) => `${line.quantity} × ${line.sku}`).join(", ")
      : null;
  return (
    <Card withBorder padding="sm" data-testid="approval" data-approval={approval.id}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} mb={4}>
            <Text fw={600} size="sm">
              {t(`backoffice.actionTypes.${approval.type}`)}
              {approval.amount > 0 &&
                ` · ${formatMoney(approval.amount, approval.currency, locale)}`}
            </Text>
            <Badge size="xs" variant="dot" color="gray">
              {t("backoffice.order.number", { number: approval.orderNumber })}
            </Badge>
          </Group>
          {what && (
            <Text size="xs" className="rl-wrap">
              {what}
            </Text>
          )}
          <Text size="xs" c="dimmed" className="rl-wrap">
            {t("backoffice.approvals.requested", {
              name: approval.requestedBy.name,
              when: formatRelative(approval.createdAt, locale),
            })}
          </Text>
          <Text size="sm" mt={4} className="rl-wrap" data-testid="approval-reason">
            « {approval.reason} »
          </Text>
          {approval.conversationId && (
            <Anchor
              component={Link}
              to={`/inbox/all/${approval.conversationId}`}
              size="xs"
              data-testid="approval-conversation"
            >
              {t("backoffice.approvals.openConversation")}
            </Anchor>
          )}
        </div>
        {approval.status === "pending" ? (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              color="red"
              onClick={onReject}
              data-testid="approval-reject"
            >
              {t("backoffice.approvals.reject")}
            </Button>
            <Button
              size="xs"
              color="teal"
              loading={decide.isPending}
              data-testid="approval-approve"
              onClick={() =>
                decide.mutate(
                  { id: approval.id, decision: "approve", reason: null },
                  {
                    onSuccess: () => notifySuccess(t("backoffice.approvals.approved")),
                    onError: notifyError,
                  },
                )
              }
            >
              {t("backoffice.approvals.approve")}
            </Button>
          </Group>
        ) : (
          <Badge color={approval.status === "approved" ? "teal" : "red"} variant="dot">
            {t(`backoffice.approvals.decided.${approval.status}`)}
          </Badge>
        )}
      </Group>
    </Card>
  );
}

/** Actions above an agent's authority, waiting for a supervisor: approve once, or reject with why. */
export function ApprovalsPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>("pending");
  const approvals = useApprovals(status);
  const [rejecting, setRejecting] = useState<TApproval | null>(null);
  return (
    <Stack gap="md" data-testid="approvals-panel">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t("backoffice.approvals.help")}
        </Text>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(value) => setStatus(value as Status)}
          aria-label={t("backoffice.approvals.filter")}
          data={(["pending", "approved", "rejected"] as const).map((value) => ({
            value,
            label: t(`backoffice.approvals.status.${value}`),
          }))}
        />
      </Group>
      {approvals.isPending && <Loader size="sm" />}
      {approvals.isError && (
        <ErrorState error={approvals.error} onRetry={() => approvals.refetch()} />
      )}
      {approvals.data?.length === 0 && (
        <EmptyState
          icon={<IconChecklist size={28} />}
          title={t(`backoffice.approvals.empty.${status}`)}
        />
      )}
      {approvals.data?.map((approval) => (
        <ApprovalCard
          key={approval.id}
          approval={approval}
          onReject={() => setRejecting(approval)}
        />
      ))}
      {rejecting && <RejectModal approval={rejecting} onClose={() => setRejecting(null)} />}
    </Stack>
  );
}
