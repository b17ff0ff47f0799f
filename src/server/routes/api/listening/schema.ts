export {
  ZListeningAlert,
  ZListeningQuery,
  ZListeningQueryCreateRequest,
  ZListeningQueryUpdateRequest,
  ZListeningStats,
  ZListeningTestRequest,
  ZMention,
  ZMentionListQuery,
  ZStatsQuery,
} from "../../../../shared/listening.ts";
