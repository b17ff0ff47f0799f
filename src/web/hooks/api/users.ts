import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Locale, Role } from "../../../shared/enums.ts";
import type { TUser } from "../../../shared/schemas.ts";
import { apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => apiData<TUser[]>("GET", "/api/v1/users", { signal }),
    staleTime: 60_000,
  });
}

export interface UserCreateRequest {
  email: string;
  name: string;
  role: Role;
  password?: string;
  locale?: Locale | null;
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateRequest) => apiData<TUser>("POST", "/api/v1/users", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export interface UserChanges {
  name?: string;
  role?: Role;
  locale?: Locale | null;
  timeZone?: string | null;
  available?: boolean;
  disabled?: boolean;
  password?: string;
  signature?: string | null;
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) =>
      apiData<TUser>("PATCH", `/api/v1/users/${id}`, { body: changes }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.users });
      void client.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}
