import {
  Badge,
  Button,
  Center,
  EmptyState,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { IconMailQuestion } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TEmailQuarantineItem } from "../../../../shared/emailQuarantine.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { type QuarantineStatus, useQuarantineList } from "../../../hooks/api/emailQuarantine.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { QuarantineDrawer } from "./QuarantineDrawer.tsx";
import { reasonKey } from "./reasons.ts";

const STATUSES: QuarantineStatus[] = ["pending", "assigned", "discarded"];

function QuarantineRow({ item, onOpen }: { item: TEmailQuarantineItem; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const subject = item.subject ?? t("emailQuarantine.noSubject");
  return (
    <Table.Tr data-quarantine-id={item.id}>
      <Table.Td>
        <Text size="sm" className="rl-wrap" fw={500}>
          {item.sender ?? t("emailQuarantine.noSender")}
        </Text>
        <Text size="xs" c="gray.7" truncate="end" title={item.channel.address ?? item.channel.name}>
          {t("emailQuarantine.to", { address: item.channel.address ?? item.channel.name })}
        </Text>
      </Table.Td>
      <Table.Td>
        <UnstyledButton
          onClick={onOpen}
          aria-label={t("emailQuarantine.open", { subject })}
          data-testid="quarantine-open"
        >
          <Text size="sm" fw={500} c="blue.8" className="rl-wrap">
            {subject}
          </Text>
        </UnstyledButton>
        <Text size="xs" c="gray.7" lineClamp={1}>
          {item.preview}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge
          variant="dot"
          color={item.reason === "unreadable message" ? "red" : "orange"}
          style={{ whiteSpace: "nowrap" }}
        >
          {t(reasonKey(item.reason))}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          {formatDateTime(item.receivedAt, i18n.language)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Mail that reached an email channel without a sender Relais could read: nothing is dropped,
 * it waits here until an admin files it under a contact or discards it.
 */
export function EmailQuarantineSettings() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<QuarantineStatus>("pending");
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuarantineList(status);
  const items = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Stack gap="md" maw={1100}>
      <Text size="sm" c="gray.7" maw={760}>
        {t("emailQuarantine.intro")}
      </Text>
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(value) => setStatus(value as QuarantineStatus)}
        data={STATUSES.map((value) => ({ value, label: t(`emailQuarantine.statuses.${value}`) }))}
        aria-label={t("emailQuarantine.statusLabel")}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconMailQuestion size={28} />}
          variant="light"
          title={t(`emailQuarantine.empty.${status}`)}
          data-testid="quarantine-empty"
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover layout="fixed" data-testid="quarantine-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="26%">{t("emailQuarantine.columns.sender")}</Table.Th>
                <Table.Th>{t("emailQuarantine.columns.subject")}</Table.Th>
                <Table.Th w={190}>{t("emailQuarantine.columns.reason")}</Table.Th>
                <Table.Th w={200}>{t("emailQuarantine.columns.receivedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <QuarantineRow key={item.id} item={item} onOpen={() => setOpenId(item.id)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() => list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t("emailQuarantine.more")}
        </Button>
      )}
      <QuarantineDrawer id={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
