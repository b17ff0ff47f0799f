import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AssignmentMode,
  TTeamAssignment,
  TTeamAssignmentUpdateRequest,
  Weekday,
} from "../../../shared/rules.ts";
import type { TTeam } from "../../../shared/schemas.ts";
import { apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export function useTeams() {
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: ({ signal }) => apiData<TTeam[]>("GET", "/api/v1/teams", { signal }),
    staleTime: 60_000,
  });
}

export interface TeamSkills {
  languages?: string[];
  categories?: string[];
  channelKinds?: string[];
}

export interface TeamRequest {
  name?: string;
  memberIds?: string[];
  skills?: TeamSkills;
}

export function useSaveTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TeamRequest }) =>
      id
        ? apiData<TTeam>("PATCH", `/api/v1/teams/${id}`, { body })
        : apiData<TTeam>("POST", "/api/v1/teams", { body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.teams });
      void client.invalidateQueries({ queryKey: queryKeys.users });
      void client.invalidateQueries({ queryKey: queryKeys.teamAssignments });
    },
  });
}

export function useDeleteTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<{ deleted: boolean }>("DELETE", `/api/v1/teams/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.teams });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

/** How a team hands out its conversations, its members' load and its queue. */
export function useTeamAssignment(teamId: string) {
  return useQuery({
    queryKey: queryKeys.teamAssignment(teamId),
    queryFn: ({ signal }) =>
      apiData<TTeamAssignment>("GET", `/api/v1/teams/${teamId}/assignment`, { signal }),
  });
}

export function useUpdateTeamAssignment(teamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TTeamAssignmentUpdateRequest) =>
      apiData<TTeamAssignment>("PATCH", `/api/v1/teams/${teamId}/assignment`, { body }),
    onSuccess: (assignment) => client.setQueryData(queryKeys.teamAssignment(teamId), assignment),
  });
}

export type { AssignmentMode };

/** `{"mon": [["09:00", "12:30"], ["14:00", "18:00"]], …}` in the team's own zone. */
export type WeeklyHours = Partial<Record<Weekday, Array<[string, string]>>>;

export interface BusinessHours {
  timeZone: string;
  weekly: WeeklyHours;
}

export function useSaveBusinessHours(teamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BusinessHours) =>
      apiData<BusinessHours & { teamId: string }>("PUT", `/api/v1/teams/${teamId}/business-hours`, {
        body,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.teams });
      void client.invalidateQueries({ queryKey: ["callback-slots"] });
      void client.invalidateQueries({ queryKey: queryKeys.callbacks });
    },
  });
}
