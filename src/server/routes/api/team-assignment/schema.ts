export {
  type TTeamAssignmentUpdateRequest,
  ZTeamAssignment,
  ZTeamAssignmentUpdateRequest,
} from "../../../../shared/rules.ts";
