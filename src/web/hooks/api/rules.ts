import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  RuleTrigger,
  TRule,
  TRuleActionInput,
  TRuleConditionInput,
  TRuleTestResult,
} from "../../../shared/rules.ts";
import { apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export function useRules() {
  return useQuery({
    queryKey: queryKeys.rules,
    queryFn: ({ signal }) => apiData<TRule[]>("GET", "/api/v1/rules", { signal }),
  });
}

/** What the rule form sends: the whole rule (conditions in input form: negate optional). */
export interface RuleRequest {
  name: string;
  enabled?: boolean;
  trigger: RuleTrigger;
  conditions: TRuleConditionInput[];
  actions: TRuleActionInput[];
}

export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: RuleRequest }) =>
      id
        ? apiData<TRule>("PATCH", `/api/v1/rules/${id}`, { body })
        : apiData<TRule>("POST", "/api/v1/rules", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.rules }),
  });
}

/** Enables, disables or moves a rule without touching the rest of it. */
export function usePatchRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      changes,
    }: {
      id: string;
      changes: { enabled?: boolean; position?: number };
    }) => apiData<TRule>("PATCH", `/api/v1/rules/${id}`, { body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.rules }),
  });
}

/** Gives each rule its index in `ordered` as position (only those whose position changes). */
export function useReorderRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ordered: TRule[]) => {
      client.setQueryData<TRule[]>(
        queryKeys.rules,
        ordered.map((rule, index) => ({ ...rule, position: index })),
      );
      for (const [index, rule] of ordered.entries()) {
        if (rule.position !== index) {
          await apiData<TRule>("PATCH", `/api/v1/rules/${rule.id}`, { body: { position: index } });
        }
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.rules }),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<{ deleted: boolean }>("DELETE", `/api/v1/rules/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.rules }),
  });
}

/** Dry run: which conditions a conversation meets now; nothing is changed. */
export function useTestRule() {
  return useMutation({
    mutationFn: ({ id, conversationId }: { id: string; conversationId: string }) =>
      apiData<TRuleTestResult>("POST", `/api/v1/rules/${id}/test`, { body: { conversationId } }),
  });
}
