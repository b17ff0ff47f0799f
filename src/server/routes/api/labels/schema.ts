export {
  ZLabel,
  ZLabelCreateRequest,
  ZLabelUpdateRequest,
} from "../../../../shared/labels.ts";
