import { Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLiveStatus } from "./LiveProvider.tsx";

const COLORS = {
  open: "var(--mantine-color-teal-6)",
  connecting: "var(--mantine-color-yellow-6)",
  reconnecting: "var(--mantine-color-orange-6)",
  closed: "var(--mantine-color-gray-5)",
} as const;

/** A dot that says whether live updates are flowing. */
export function LiveIndicator() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  return (
    <Tooltip label={t(`live.${status}`)}>
      <span
        className="rl-live"
        data-live-status={status}
        aria-label={t(`live.${status}`)}
        role="status"
      >
        <span className="rl-live-dot" style={{ background: COLORS[status] }} />
      </span>
    </Tooltip>
  );
}
