import { Loader, ScrollArea, SegmentedControl, Stack, Text, UnstyledButton } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TSlot } from "../../hooks/api/callbacks.ts";
import { currentLocale } from "../../i18n/index.ts";
import { localClock, localDate, zoneCity } from "../../lib/zones.ts";

interface SlotPickerProps {
  slots: TSlot[] | undefined;
  loading: boolean;
  value: string | null;
  onChange: (slot: TSlot) => void;
}

/**
 * Free times grouped by the customer's day: each shows the customer's hour, and the team's
 * below it, so "18:00 in Paris" and "09:00 in Los Angeles" are read together.
 */
export function SlotPicker({ slots, loading, value, onChange }: SlotPickerProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const days = useMemo(() => {
    const byDay = new Map<string, TSlot[]>();
    for (const slot of slots ?? []) {
      const list = byDay.get(slot.customer.date) ?? [];
      list.push(slot);
      byDay.set(slot.customer.date, list);
    }
    return [...byDay.entries()];
  }, [slots]);
  const [day, setDay] = useState<string | null>(null);
  const chosenDay = days.find(([date]) => date === day) ?? days[0];
  useEffect(() => {
    if (!value) return;
    const slot = slots?.find((item) => item.start === value);
    if (slot) setDay(slot.customer.date);
  }, [value, slots]);

  if (loading) return <Loader size="xs" />;
  if (!days.length || !chosenDay) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-slots">
        {t("callbacks.noSlots")}
      </Text>
    );
  }
  const [, daySlots] = chosenDay;
  const sample = daySlots[0];
  return (
    <Stack gap="xs" data-testid="slot-picker">
      <ScrollArea type="auto" offsetScrollbars scrollbarSize={6}>
        <SegmentedControl
          size="xs"
          value={chosenDay[0]}
          onChange={setDay}
          data={days.map(([date, list]) => ({
            value: date,
            label: list[0] ? localDate(list[0].customer, locale) : date,
          }))}
          aria-label={t("callbacks.day")}
        />
      </ScrollArea>
      {sample && (
        <Text size="xs" c="dimmed">
          {t("callbacks.slotLegend", {
            customer: zoneCity(sample.customer.timeZone),
            team: zoneCity(sample.team.timeZone),
          })}
        </Text>
      )}
      <fieldset className="rl-slots" aria-label={t("callbacks.slots")}>
        {daySlots.map((slot) => {
          const selected = slot.start === value;
          return (
            <UnstyledButton
              key={slot.start}
              className="rl-slot"
              data-selected={selected || undefined}
              aria-pressed={selected}
              onClick={() => onChange(slot)}
              data-slot={slot.start}
            >
              <Text size="sm" fw={600} c={selected ? "white" : undefined}>
                {localClock(slot.customer, locale)}
              </Text>
              <Text size="xs" c={selected ? "brand.0" : "dimmed"}>
                {localClock(slot.team, locale)}
                {slot.team.date !== slot.customer.date ? ` (${localDate(slot.team, locale)})` : ""}
              </Text>
            </UnstyledButton>
          );
        })}
      </fieldset>
    </Stack>
  );
}
