import { useTranslation } from "react-i18next";
import { useCannedReplies } from "../../../hooks/api/cannedReplies.ts";
import { useChannels } from "../../../hooks/api/channels.ts";
import { useTeams } from "../../../hooks/api/teams.ts";
import { useUsers } from "../../../hooks/api/users.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { languageName } from "../../../lib/format.ts";
import type { Names } from "./ruleModel.ts";

/** Names of what rules refer to by id, for sentences about them. */
export function useNames(): Names {
  const { t } = useTranslation();
  const channels = useChannels();
  const users = useUsers();
  const teams = useTeams();
  const replies = useCannedReplies();
  const locale = currentLocale();
  const unknown = t("rules.unknownRef");
  return {
    channel: (id) => channels.data?.find((item) => item.id === id)?.name ?? unknown,
    user: (id) => users.data?.find((item) => item.id === id)?.name ?? unknown,
    team: (id) => teams.data?.find((item) => item.id === id)?.name ?? unknown,
    cannedReply: (id) => replies.data?.find((item) => item.id === id)?.title ?? unknown,
    language: (code) => languageName(code, locale),
  };
}
