import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { type ReactNode, useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

/**
 * A confirmation in the app's own dialog (keyboard: Enter confirms, Escape cancels), instead of
 * the browser's `confirm()`: `const [confirm, dialog] = useConfirm()`, render `dialog`, then
 * `if (await confirm({…})) …`.
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const { t } = useTranslation();
  const [options, setOptions] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((value: boolean) => void) | null>(null);

  const settle = (value: boolean) => {
    resolver.current?.(value);
    resolver.current = null;
    setOptions(null);
  };

  const confirm = useCallback(
    (next: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setOptions(next);
      }),
    [],
  );

  const dialog = (
    <Modal
      opened={options !== null}
      onClose={() => settle(false)}
      title={<Text fw={600}>{options?.title}</Text>}
      size="sm"
      centered
      closeButtonProps={{ "aria-label": t("actions.close") }}
    >
      <Stack gap="md" data-testid="confirm-dialog">
        <Text size="sm" className="rl-wrap">
          {options?.message}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => settle(false)}>
            {t("actions.cancel")}
          </Button>
          <Button
            color={options?.danger ? "red.9" : "brand"}
            onClick={() => settle(true)}
            data-autofocus
            data-testid="confirm"
          >
            {options?.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return [confirm, dialog];
}
