import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { LabelColour } from "../../shared/labels.ts";
import { useLabelColours } from "../hooks/api/labels.ts";
import "./labels.css";

/**
 * A conversation's labels: a coloured dot beside the name in the text colour, so every colour of
 * the palette stays legible (the colour is a hint; the name says it).
 */
export function LabelBadges({
  labels,
  size = "xs",
  colours,
}: {
  labels: string[];
  size?: "xs" | "sm";
  /** Colours to use instead of the account's (a form's preview). */
  colours?: Record<string, LabelColour>;
}) {
  const { t } = useTranslation();
  const known = useLabelColours();
  const colourOf = (name: string) => colours?.[name] ?? known(name);
  if (labels.length === 0) return null;
  return (
    <Group
      gap={4}
      wrap="wrap"
      className="rl-labels"
      role="list"
      aria-label={t("labels.onRow", { names: labels.join(", ") })}
    >
      {labels.map((name) => (
        <Badge
          key={name}
          role="listitem"
          size={size}
          variant="dot"
          color={colourOf(name)}
          className="rl-label"
          data-label={name}
          tt="none"
        >
          {name}
        </Badge>
      ))}
    </Group>
  );
}
