export {
  type TStoryListQuery,
  ZStory,
  ZStoryCreateRequest,
  ZStoryListQuery,
} from "../../../../shared/stories.ts";
