import { Switch, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMe } from "../hooks/api/session.ts";
import { useUpdateUser } from "../hooks/api/users.ts";
import { notifyError } from "../lib/notify.ts";

/**
 * Whether new conversations may be given to the agent: round-robin and capacity assignment
 * skip agents who are away. Shown in the navigation, always in reach.
 */
export function AvailabilityToggle() {
  const { t } = useTranslation();
  const { user } = useMe();
  const update = useUpdateUser();
  const available = update.isPending
    ? (update.variables?.changes.available ?? user.available)
    : user.available;
  return (
    <Tooltip label={t("user.availabilityHelp")} multiline w={240} position="right">
      <div className="rl-availability" data-available={available}>
        <Switch
          size="sm"
          color="teal"
          checked={available}
          onChange={(event) =>
            update.mutate(
              { id: user.id, changes: { available: event.currentTarget.checked } },
              { onError: notifyError },
            )
          }
          label={
            <Text size="sm" fw={500} c={available ? "teal.8" : "gray.7"}>
              {available ? t("user.available") : t("user.away")}
            </Text>
          }
          aria-describedby="availability-help"
          data-testid="availability"
        />
        <Text id="availability-help" size="xs" c="dimmed" className="rl-availability-help">
          {available ? t("user.receivesConversations") : t("user.receivesNothing")}
        </Text>
      </div>
    </Tooltip>
  );
}
