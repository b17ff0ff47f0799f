export {
  ZIdea,
  ZIdeaCreateRequest,
  ZIdeaDetail,
  ZIdeaLinkRequest,
  ZIdeaMergeRequest,
  ZIdeaStatusPreview,
  ZIdeaStatusPreviewRequest,
  ZIdeaUpdateRequest,
  ZUnsortedIdea,
} from "../../../../shared/ideas.ts";
