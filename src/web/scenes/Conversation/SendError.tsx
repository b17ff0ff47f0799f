import { Alert, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../lib/api.ts";
import { describeError } from "../../lib/notify.ts";

/** Why the server refused a message, with a title in the agent's language. */
function titleKey(error: unknown): string {
  if (!(error instanceof ApiError)) return "sendError.title";
  if (error.id === "reply_refused") return "sendError.refused";
  if (error.id === "templates_unsupported") return "sendError.templatesUnsupported";
  if (error.id === "validation_failed") return "sendError.invalid";
  return "sendError.title";
}

interface SendErrorProps {
  error: unknown;
  onClose: () => void;
  /** What the agent can do about it (choose a template). */
  action?: ReactNode;
}

/**
 * A refused message, said where it was written and kept until dismissed: the server's own
 * explanation (a 422 names the rule), while the draft stays in the composer.
 */
export function SendError({ error, onClose, action }: SendErrorProps) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      p="xs"
      icon={<IconAlertTriangle size={16} />}
      title={t(titleKey(error))}
      withCloseButton
      closeButtonLabel={t("actions.close")}
      onClose={onClose}
      role="alert"
      data-testid="send-error"
      data-error-id={error instanceof ApiError ? error.id : undefined}
    >
      <Text size="xs" className="rl-wrap" data-testid="send-error-message">
        {describeError(error)}
      </Text>
      {action}
    </Alert>
  );
}
