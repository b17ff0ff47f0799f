import { ActionIcon, Menu, Tooltip } from "@mantine/core";
import { IconBook2, IconDots } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MarkStoryModal } from "./MarkStoryModal.tsx";

/** The conversation header's menu of less frequent actions: "Mark as story". */
export function ConversationStoryMenu({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [marking, setMarking] = useState(false);
  return (
    <>
      <Menu position="bottom-end" shadow="md">
        <Menu.Target>
          <Tooltip label={t("stories.mark.more")}>
            <ActionIcon
              size={30}
              variant="default"
              aria-label={t("stories.mark.more")}
              data-testid="conversation-more"
            >
              <IconDots size={15} />
            </ActionIcon>
          </Tooltip>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconBook2 size={14} />}
            onClick={() => setMarking(true)}
            data-testid="mark-story"
          >
            {t("stories.mark.menu")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {marking && (
        <MarkStoryModal conversationId={conversationId} onClose={() => setMarking(false)} />
      )}
    </>
  );
}
