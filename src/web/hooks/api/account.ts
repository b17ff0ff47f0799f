import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Locale } from "../../../shared/enums.ts";
import type { TAccount } from "../../../shared/schemas.ts";
import { apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export interface ApiToken {
  id: string;
  name: string;
  lastUsedAt: string | null;
  createdAt: string;
}

const tokensKey = ["api-tokens"] as const;
const demoKey = ["account-demo"] as const;

/** The signed-in user's personal API tokens (never the secrets). */
export function useApiTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => apiData<ApiToken[]>("GET", "/api/v1/tokens", { signal }),
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiData<{ id: string; name: string; token: string }>("POST", "/api/v1/tokens", {
        body: { name },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<{ revoked: boolean }>("DELETE", `/api/v1/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export interface AccountChanges {
  name?: string;
  publicName?: string | null;
  locale?: Locale;
  timeZone?: string;
  assignOnReply?: boolean;
}

export function useUpdateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: AccountChanges) =>
      apiData<TAccount>("PATCH", "/api/v1/account", { body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.session }),
  });
}

export interface DemoCounts {
  conversations: number;
  contacts: number;
  channels: number;
  rules: number;
  cannedReplies: number;
  teams: number;
  users: number;
}

/** What the demo put in the account and is still there (admins). */
export function useDemoData() {
  return useQuery({
    queryKey: demoKey,
    queryFn: ({ signal }) =>
      apiData<{ present: boolean; counts: DemoCounts }>("GET", "/api/v1/account/demo", {
        signal,
      }),
  });
}

export function useDeleteDemoData() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiData<{ deleted: DemoCounts }>("DELETE", "/api/v1/account/demo"),
    // Channels, users, teams, rules and conversations all changed: start afresh.
    onSuccess: () => client.invalidateQueries(),
  });
}
