import { Anchor, Badge, Group, Text, Timeline } from "@mantine/core";
import { IconExternalLink, IconTruckDelivery } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { TShipment } from "../../../../shared/backoffice.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { formatDay, SHIPMENT_COLORS } from "./display.ts";

/** A tracking link is followed only when it is a web address: anything else stays plain text. */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** One shipment: carrier, tracking link, expected date, then its history, newest first. */
export function ShipmentTimeline({ shipment }: { shipment: TShipment }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const url = safeUrl(shipment.trackingUrl);
  const history = [...shipment.history].reverse();
  return (
    <div className="rl-bo-shipment" data-testid="shipment" data-tracking={shipment.trackingNumber}>
      <Group gap={6} justify="space-between" mb={4}>
        <Group gap={6} style={{ minWidth: 0 }}>
          <IconTruckDelivery size={15} aria-hidden />
          <Text size="xs" fw={600} className="rl-wrap">
            {shipment.carrier}
          </Text>
          {url ? (
            <Anchor
              size="xs"
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              className="rl-wrap"
              data-testid="tracking-link"
              aria-label={t("backoffice.shipment.track", { number: shipment.trackingNumber })}
            >
              {shipment.trackingNumber} <IconExternalLink size={11} aria-hidden />
            </Anchor>
          ) : (
            <Text size="xs" c="dimmed" className="rl-wrap">
              {shipment.trackingNumber}
            </Text>
          )}
        </Group>
        <Badge size="xs" variant="dot" color={SHIPMENT_COLORS[shipment.status]}>
          {t(`backoffice.shipmentStatus.${shipment.status}`)}
        </Badge>
      </Group>
      {shipment.expectedDelivery && (
        <Text
          size="xs"
          c={shipment.status === "delayed" ? undefined : "dimmed"}
          className={shipment.status === "delayed" ? "rl-bo-late" : undefined}
          mb={4}
        >
          {t("backoffice.shipment.expected", {
            date: formatDay(shipment.expectedDelivery, locale),
          })}
        </Text>
      )}
      {history.length > 0 && (
        <Timeline
          active={0}
          bulletSize={10}
          lineWidth={2}
          color={SHIPMENT_COLORS[shipment.status]}
          aria-label={t("backoffice.shipment.history")}
        >
          {history.map((event, index) => (
            <Timeline.Item
              key={`${event.at}-${event.status}-${event.expectedDelivery ?? ""}`}
              title={
                <Text size="xs" fw={index === 0 ? 600 : 400}>
                  {t(`backoffice.shipmentStatus.${event.status}`)}
                  {event.expectedDelivery &&
                    ` · ${t("backoffice.shipment.expectedShort", {
                      date: formatDay(event.expectedDelivery, locale),
                    })}`}
                </Text>
              }
            >
              {event.note && (
                <Text size="xs" c="dimmed" className="rl-wrap">
                  {event.note}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {formatDateTime(event.at, locale)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </div>
  );
}
