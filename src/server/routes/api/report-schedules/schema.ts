export {
  ZDashboardSelection,
  ZReportSchedule,
  ZReportScheduleCreateRequest,
  ZReportScheduleUpdateRequest,
} from "../../../../shared/reportSchedules.ts";
