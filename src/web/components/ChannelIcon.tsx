import { Tooltip } from "@mantine/core";
import {
  IconBrandBluesky,
  IconBrandFacebook,
  IconBrandInstagram,
  IconBrandMastodon,
  IconBrandWhatsapp,
  IconBrandX,
  IconMail,
  IconMessageCircle,
  IconPhone,
  IconWebhook,
  type TablerIcon,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ChannelKind } from "../../shared/enums.ts";

const ICONS: Record<ChannelKind, { icon: TablerIcon; color: string }> = {
  api: { icon: IconWebhook, color: "var(--mantine-color-gray-7)" },
  email: { icon: IconMail, color: "var(--mantine-color-blue-7)" },
  chat: { icon: IconMessageCircle, color: "var(--mantine-color-teal-7)" },
  phone: { icon: IconPhone, color: "var(--mantine-color-grape-7)" },
  x: { icon: IconBrandX, color: "var(--mantine-color-dark-7)" },
  facebook: { icon: IconBrandFacebook, color: "#1877f2" },
  instagram: { icon: IconBrandInstagram, color: "#d62976" },
  whatsapp: { icon: IconBrandWhatsapp, color: "#1fa855" },
  mastodon: { icon: IconBrandMastodon, color: "#6364ff" },
  bluesky: { icon: IconBrandBluesky, color: "#0a7aff" },
};

/** Identity kinds are named like channel kinds, except X's (still "twitter"). */
export function channelKindOf(kind: string): ChannelKind | null {
  if (kind === "twitter") return "x";
  return kind in ICONS ? (kind as ChannelKind) : null;
}

interface ChannelIconProps {
  kind: string;
  size?: number;
  /** Shown in the tooltip (e.g. the channel's name); the kind's name when absent. */
  label?: string;
  withTooltip?: boolean;
}

/** The channel's recognisable mark: the network's brand icon or a plain pictogram. */
export function ChannelIcon({ kind, size = 16, label, withTooltip = true }: ChannelIconProps) {
  const { t } = useTranslation();
  const channelKind = channelKindOf(kind) ?? "api";
  const { icon: Icon, color } = ICONS[channelKind];
  const name = label ?? t(`channelKinds.${channelKind}`);
  const icon = (
    <Icon
      size={size}
      color={color}
      stroke={1.7}
      aria-label={name}
      role="img"
      data-channel-kind={channelKind}
      style={{ flexShrink: 0 }}
    />
  );
  if (!withTooltip) return icon;
  return (
    <Tooltip label={name} withArrow openDelay={300}>
      {icon}
    </Tooltip>
  );
}
