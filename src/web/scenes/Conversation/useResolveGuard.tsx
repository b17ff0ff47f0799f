import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useConfirm } from "../../components/useConfirm.tsx";
import type { ConversationDetail } from "../../hooks/api/conversations.ts";

/**
 * Resolving a conversation whose last reply failed (or has not gone yet), or whose customer spoke
 * last, asks first: `guard(resolve)` runs `resolve` at once when nothing is amiss, else after the
 * agent confirms in the dialog (render `dialog`).
 */
export function useResolveGuard(
  conversation: Pick<ConversationDetail, "resolveWarnings"> | undefined,
): [(resolve: () => void) => void, ReactNode] {
  const { t } = useTranslation();
  const [confirm, dialog] = useConfirm();
  const guard = (resolve: () => void) => {
    const warnings = conversation?.resolveWarnings ?? [];
    if (warnings.length === 0) {
      resolve();
      return;
    }
    void confirm({
      title: t("resolveGuard.title"),
      message: warnings.map((warning) => t(`resolveGuard.${warning}`)).join(" "),
      confirmLabel: t("resolveGuard.confirm"),
    }).then((confirmed) => {
      if (confirmed) resolve();
    });
  };
  return [guard, dialog];
}
