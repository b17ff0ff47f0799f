import { Button } from "@mantine/core";
import { IconBan, IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useConfirm } from "../../components/useConfirm.tsx";
import { useBlockContact } from "../../hooks/api/agentIdentity.ts";
import type { ContactDetail } from "../../hooks/api/contacts.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

/** Blocks the contact (after a confirmation saying what it does), or unblocks them. */
export function BlockContactButton({ contact }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const block = useBlockContact(contact.id);
  const [confirm, dialog] = useConfirm();
  const blocked = contact.blockedAt !== null;
  const toggle = async () => {
    if (
      !blocked &&
      !(await confirm({
        title: t("block.confirmTitle"),
        message: t("block.confirmBody"),
        confirmLabel: t("block.block"),
        danger: true,
      }))
    ) {
      return;
    }
    block.mutate(!blocked, {
      onSuccess: () => notifySuccess(blocked ? t("block.undone") : t("block.done")),
      onError: notifyError,
    });
  };
  return (
    <>
      <Button
        variant={blocked ? "default" : "light"}
        color={blocked ? undefined : "red.9"}
        size="xs"
        leftSection={blocked ? <IconCircleCheck size={15} /> : <IconBan size={15} />}
        onClick={() => void toggle()}
        loading={block.isPending}
        data-testid={blocked ? "contact-unblock" : "contact-block"}
      >
        {blocked ? t("block.unblock") : t("block.block")}
      </Button>
      {dialog}
    </>
  );
}
