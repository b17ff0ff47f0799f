import { Button, Group } from "@mantine/core";
import { IconAlarm, IconClock, IconFlame, IconUserQuestion } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQueueSummary } from "../../hooks/api/labels.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDuration } from "../../lib/format.ts";
import { useNow } from "../../lib/useNow.ts";

function Figure(props: {
  to: string;
  icon: ReactNode;
  colour: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Button
      component={Link}
      to={props.to}
      size="compact-xs"
      variant="default"
      leftSection={
        <span style={{ display: "flex", color: `var(--mantine-color-${props.colour}-7)` }}>
          {props.icon}
        </span>
      }
      fw={600}
      data-testid={props.testId}
      data-tone={props.colour}
    >
      {props.children}
    </Button>
  );
}

/** The open queue above the list: each figure is one click to the conversations behind it. */
export function QueueSummary() {
  const { t } = useTranslation();
  const summary = useQueueSummary();
  const now = useNow();
  const locale = currentLocale();
  const data = summary.data;
  if (!data) return null;
  const oldest = data.oldestWaiting;
  return (
    <nav aria-label={t("queue.title")}>
      <Group className="rl-queue" gap={4}>
        <Figure
          to="/inbox/unassigned?sort=waiting_oldest"
          icon={<IconUserQuestion size={13} />}
          colour={data.unassignedWaiting > 0 ? "orange" : "gray"}
          testId="queue-unassigned"
        >
          {t("queue.unassigned", { count: data.unassignedWaiting })}
        </Figure>
        {oldest ? (
          <Figure
            to={`/inbox/all/${oldest.id}?sort=waiting_oldest`}
            icon={<IconClock size={13} />}
            colour="gray"
            testId="queue-oldest"
          >
            {t("queue.oldest", {
              duration: formatDuration(
                Math.max(60_000, now - Date.parse(oldest.waitingSince)),
                locale,
              ),
            })}
          </Figure>
        ) : (
          <Figure
            to="/inbox/all"
            icon={<IconClock size={13} />}
            colour="gray"
            testId="queue-oldest"
          >
            {t("queue.noWait")}
          </Figure>
        )}
        <Figure
          to="/inbox/all?priority=urgent&sort=waiting_oldest"
          icon={<IconFlame size={13} />}
          colour={data.urgent > 0 ? "red" : "gray"}
          testId="queue-urgent"
        >
          {t("queue.urgent", { count: data.urgent })}
        </Figure>
        <Figure
          to={`/inbox/all?sla=${data.breached > 0 || data.dueSoon === 0 ? "breached" : "due_soon"}&sort=sla_due`}
          icon={<IconAlarm size={13} />}
          colour={data.breached > 0 ? "red" : data.dueSoon > 0 ? "orange" : "gray"}
          testId="queue-breaching"
        >
          {data.breached > 0 || data.dueSoon === 0
            ? t("queue.breached", { count: data.breached })
            : t("queue.dueSoon", { count: data.dueSoon })}
        </Figure>
      </Group>
    </nav>
  );
}
