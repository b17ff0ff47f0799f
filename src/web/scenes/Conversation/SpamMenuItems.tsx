import { Menu } from "@mantine/core";
import { IconBan, IconMailOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMarkSpam } from "../../hooks/api/agentIdentity.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

/**
 * "Mark as spam" and "… and block the sender", in the conversation header's status menu: the
 * conversation is closed and leaves the lists; `onDone` moves the agent on.
 */
export function SpamMenuItems({ id, onDone }: { id: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const spam = useMarkSpam(id);
  const mark = (blockSender: boolean) =>
    spam.mutate(blockSender, {
      onSuccess: () => {
        notifySuccess(t("spam.done"));
        onDone?.();
      },
      onError: notifyError,
    });
  return (
    <>
      <Menu.Item
        leftSection={<IconMailOff size={14} />}
        onClick={() => mark(false)}
        data-testid="mark-spam"
      >
        {t("spam.mark")}
      </Menu.Item>
      <Menu.Item
        color="red.9"
        leftSection={<IconBan size={14} />}
        onClick={() => mark(true)}
        data-testid="mark-spam-block"
      >
        {t("spam.markAndBlock")}
      </Menu.Item>
    </>
  );
}
