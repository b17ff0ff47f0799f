export {
  type TRuleCreateRequest,
  type TRuleUpdateRequest,
  ZRule,
  ZRuleCreateRequest,
  ZRuleTestRequest,
  ZRuleTestResult,
  ZRuleUpdateRequest,
} from "../../../../shared/rules.ts";
