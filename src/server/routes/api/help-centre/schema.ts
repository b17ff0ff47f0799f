export {
  ZArticleRead,
  ZHelpCentre,
  ZHelpCentreSettingsUpdate,
  ZUnansweredSearch,
} from "../../../../shared/articles.ts";
