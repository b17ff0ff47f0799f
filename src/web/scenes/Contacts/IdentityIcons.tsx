import { Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TIdentity } from "../../../shared/schemas.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";
import { identityLabel } from "./labels.ts";

const SHOWN = 6;

/** One icon per identity (the tooltip names the channel and the handle), "+3" beyond six. */
export function IdentityIcons({
  identities,
  size = 14,
}: {
  identities: TIdentity[];
  size?: number;
}) {
  const { t } = useTranslation();
  const rest = identities.length - SHOWN;
  if (identities.length === 0) return null;
  return (
    <Group gap={5} wrap="nowrap" data-testid="identity-icons">
      {identities.slice(0, SHOWN).map((identity) => (
        <ChannelIcon
          key={identity.id}
          kind={identity.kind}
          size={size}
          label={`${t(`identityKinds.${identity.kind}`)} · ${identityLabel(identity)}`}
        />
      ))}
      {rest > 0 && (
        <Text size="xs" c="dimmed" span>
          +{rest}
        </Text>
      )}
    </Group>
  );
}
