import { Button, Center, EmptyState } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../lib/api.ts";
import { describeError } from "../lib/notify.ts";

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  fullPage?: boolean;
}

/** What went wrong, in words an agent can act on, with a way to try again. */
export function ErrorState({ error, onRetry, fullPage = false }: ErrorStateProps) {
  const { t } = useTranslation();
  const offline = error instanceof ApiError && error.status === 0;
  const content = (
    <EmptyState
      icon={<IconAlertTriangle size={28} />}
      variant="light"
      color="red"
      title={offline ? t("errors.offlineTitle") : t("errors.title")}
      description={describeError(error)}
    >
      {onRetry && (
        <EmptyState.Actions>
          <Button variant="light" size="xs" onClick={onRetry}>
            {t("actions.retry")}
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
  return fullPage ? <Center h="100vh">{content}</Center> : <Center p="xl">{content}</Center>;
}
