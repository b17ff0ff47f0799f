import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Locale } from "../../../shared/enums.ts";
import type { TAccount, TUser } from "../../../shared/schemas.ts";
import { ApiError, apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export interface Session {
  user: TUser;
  account: TAccount;
}

/** The signed-in agent, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await apiData<Session>("GET", "/api/v1/session", { expect401: true });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The signed-in agent; only for components rendered behind the sign-in gate. */
export function useMe(): Session {
  const { data } = useSession();
  if (!data) throw new Error("useMe() outside a signed-in page");
  return data;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string; account?: string }) =>
      apiData<Session>("POST", "/api/v1/session", { body, expect401: true }),
    onSuccess: (session) => {
      client.clear();
      client.setQueryData(queryKeys.session, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiData<{ signedOut: boolean }>("DELETE", "/api/v1/session", { expect401: true }).catch(
        () => ({ signedOut: true }),
      ),
    onSettled: () => {
      client.clear();
      client.setQueryData(queryKeys.session, null);
    },
  });
}

export function useSetupNeeded() {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: () => apiData<{ needed: boolean }>("GET", "/api/v1/setup"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export interface SetupRequest {
  accountName: string;
  slug: string;
  name: string;
  email: string;
  password: string;
  locale: Locale;
  timeZone: string;
}

export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupRequest) => apiData<Session>("POST", "/api/v1/setup", { body }),
    // The caller marks the setup done (queryKeys.setup) once it has finished its own steps.
    onSuccess: (session) => client.setQueryData(queryKeys.session, session),
  });
}

export function useLoadDemo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiData<{ conversations: number; agents: string[] }>("POST", "/api/v1/account/demo"),
    // Not awaited, and not the setup state: the caller decides when onboarding is over.
    onSuccess: () => {
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "setup" });
    },
  });
}
