import { Group, Kbd, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

const SHORTCUTS: Array<{ keys: string[]; label: string }> = [
  { keys: ["j"], label: "shortcuts.next" },
  { keys: ["k"], label: "shortcuts.previous" },
  { keys: ["r"], label: "shortcuts.reply" },
  { keys: ["n"], label: "shortcuts.note" },
  { keys: ["e"], label: "shortcuts.resolve" },
  { keys: ["/"], label: "shortcuts.search" },
  { keys: ["Ctrl", "Enter"], label: "shortcuts.send" },
  { keys: ["Esc"], label: "shortcuts.leave" },
  { keys: ["?"], label: "shortcuts.help" },
];

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("shortcuts.title")} size="sm" centered>
      <Stack gap={8} data-testid="shortcuts-help">
        {SHORTCUTS.map((shortcut) => (
          <Group key={shortcut.label} justify="space-between" wrap="nowrap">
            <Text size="sm">{t(shortcut.label)}</Text>
            <Group gap={4} wrap="nowrap">
              {shortcut.keys.map((key) => (
                <Kbd key={key} size="xs">
                  {key}
                </Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
