import { Button, Group, Loader, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useConfirm } from "../../../components/useConfirm.tsx";
import { type DemoCounts, useDeleteDemoData, useDemoData } from "../../../hooks/api/account.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

const ORDER: ReadonlyArray<keyof DemoCounts> = [
  "conversations",
  "contacts",
  "channels",
  "rules",
  "cannedReplies",
  "teams",
  "users",
];

/** "Delete demo data" (admins): what the demo created and is still here, and the button. */
export function DemoSettings() {
  const { t } = useTranslation();
  const demo = useDemoData();
  const remove = useDeleteDemoData();
  const [confirm, confirmDialog] = useConfirm();

  if (demo.isLoading) return <Loader size="sm" />;
  const counts = demo.data?.counts;

  const ask = async () => {
    if (!counts) return;
    const yes = await confirm({
      title: t("demoData.confirmTitle"),
      message: t("demoData.confirmMessage", { ...counts }),
      confirmLabel: t("demoData.delete"),
      danger: true,
    });
    if (!yes) return;
    remove.mutate(undefined, {
      onSuccess: () => notifySuccess(t("demoData.deleted")),
      onError: notifyError,
    });
  };

  return (
    <Stack gap="md" maw={640} data-testid="demo-settings">
      <Text size="sm" className="rl-wrap">
        {t("demoData.intro")}
      </Text>
      {!demo.data?.present || !counts ? (
        <Text size="sm" c="dimmed" data-testid="demo-none">
          {t("demoData.none")}
        </Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="demo-counts">
            {ORDER.map((key) => (
              <Stack key={key} gap={0} className="rl-demo-count" data-demo-count={key}>
                <Text fw={700} size="lg">
                  {counts[key]}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`demoData.counts.${key}`)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Group>
            <Button
              color="red.9"
              leftSection={<IconTrash size={16} />}
              loading={remove.isPending}
              onClick={() => void ask()}
              data-testid="demo-delete"
            >
              {t("demoData.delete")}
            </Button>
          </Group>
        </>
      )}
      {confirmDialog}
    </Stack>
  );
}
