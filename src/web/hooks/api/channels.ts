import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ChannelKind } from "../../../shared/enums.ts";
import type { TChannel } from "../../../shared/schemas.ts";
import { apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

/** A channel as answered right after creation or a secret rotation: secrets shown once. */
export type ChannelWithSecrets = TChannel & { secrets?: Record<string, unknown> };

export function useChannels() {
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: ({ signal }) => apiData<TChannel[]>("GET", "/api/v1/channels", { signal }),
    staleTime: 60_000,
  });
}

export interface ChannelCreateRequest {
  kind: ChannelKind;
  name: string;
  config: Record<string, unknown>;
  secrets?: Record<string, unknown>;
}

export interface ChannelChanges {
  name?: string;
  disabled?: boolean;
  config?: Record<string, unknown>;
  /** Write-only: merged into the stored credentials, never read back. */
  secrets?: Record<string, unknown>;
  signPublicReplies?: boolean;
}

export function useCreateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChannelCreateRequest) =>
      apiData<ChannelWithSecrets>("POST", "/api/v1/channels", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}

export function useUpdateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: ChannelChanges }) =>
      apiData<TChannel>("PATCH", `/api/v1/channels/${id}`, { body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}

/**
 * Creates a channel. Relais generates some secrets itself (a signing secret, an email token
 * key) and only when the request carries none, so credentials typed by the admin (an SMTP
 * relay) are added by a second request, which merges them with the generated ones.
 */
export function useCreateChannelWithSecrets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      body,
      generates,
    }: {
      body: ChannelCreateRequest;
      generates: boolean;
    }): Promise<ChannelWithSecrets> => {
      const secrets = body.secrets ?? {};
      const typed = Object.keys(secrets).length > 0;
      // Secrets in the request, even empty ones, stop Relais from generating its own.
      if (!typed) {
        return apiData<ChannelWithSecrets>("POST", "/api/v1/channels", {
          body: { ...body, secrets: undefined },
        });
      }
      if (!generates) return apiData<ChannelWithSecrets>("POST", "/api/v1/channels", { body });
      const created = await apiData<ChannelWithSecrets>("POST", "/api/v1/channels", {
        body: { ...body, secrets: undefined },
      });
      await apiData<TChannel>("PATCH", `/api/v1/channels/${created.id}`, { body: { secrets } });
      return created;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}

export function useRotateSecret() {
  return useMutation({
    mutationFn: (id: string) =>
      apiData<ChannelWithSecrets>("POST", `/api/v1/channels/${id}/secret`),
  });
}

/** What registering a channel's webhook with its provider answers (X's Account Activity API). */
export interface WebhookRegistrationResult {
  channel: TChannel;
  webhookId: string;
  url: string;
  reused: boolean;
  subscribed: boolean;
}

export function useRegisterWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiData<WebhookRegistrationResult>("POST", `/api/v1/channels/${id}/webhook-registration`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}
