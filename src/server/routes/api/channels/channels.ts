import { z } from "zod";
import { withGeneratedSecrets } from "../../../channels/generatedSecrets.ts";
import { assertPublicUrls } from "../../../channels/outboundGuard.ts";
import { channelCreator } from "../../../commands/channelCreator.ts";
import { channelSecretRotator } from "../../../commands/channelSecretRotator.ts";
import { channelUpdater } from "../../../commands/channelUpdater.ts";
import { listChannels } from "../../../models/channels.ts";
import { authorize } from "../../../policies/index.ts";
import { presentChannel } from "../../../presenters/channel.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { browsedUrl } from "./baseUrl.ts";
import {
  ZChannel,
  ZChannelCreateRequest,
  ZChannelUpdateRequest,
  ZChannelWithSecrets,
} from "./schema.ts";

const tags = ["Channels"];

export const channelRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/channels",
    summary: "The account's channels (never their secrets)",
    tags,
    auth: "user",
    response: z.array(ZChannel),
    async handle({ services, actor, request }) {
      authorize(actor, "channel.read");
      const rows = await listChannels(services.db, actor.accountId);
      return { data: rows.map((row) => presentChannel(row, browsedUrl(services.env, request))) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/channels",
    summary: "Create a channel (admins); generated secrets are returned once",
    tags,
    auth: "user",
    body: ZChannelCreateRequest,
    response: ZChannelWithSecrets,
    status: 201,
    async handle({ services, actor, body, request }) {
      authorize(actor, "channel.manage");
      await assertPublicUrls(services.env, [body.config, body.secrets]);
      const { secrets, shown } = withGeneratedSecrets(body.kind, body.secrets);
      const channel = await channelCreator(services.db, services.secrets, {
        accountId: actor.accountId,
        kind: body.kind,
        name: body.name,
        config: body.config,
        secrets,
        actorUserId: actor.userId,
      });
      return {
        data: { ...presentChannel(channel, browsedUrl(services.env, request)), secrets: shown },
      };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/channels/:id",
    summary: "One channel",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZChannel,
    async handle({ services, actor, params, request }) {
      const channel = await loadAuthorized(
        services.db,
        actor,
        "channel.read",
        "channels",
        params.id,
      );
      return { data: presentChannel(channel, browsedUrl(services.env, request)) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/channels/:id",
    summary: "Rename, reconfigure, change credentials, disable or enable a channel (admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZChannelUpdateRequest,
    response: ZChannel,
    async handle({ services, actor, params, body, request }) {
      const channel = await loadAuthorized(
        services.db,
        actor,
        "channel.manage",
        "channels",
        params.id,
      );
      await assertPublicUrls(services.env, [body.config, body.secrets]);
      const updated = await channelUpdater(services.db, services.secrets, {
        actor,
        channel,
        changes: body,
      });
      return { data: presentChannel(updated, browsedUrl(services.env, request)) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/channels/:id/secret",
    summary: "Replace a generated secret (admins); the new one is returned once",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZChannelWithSecrets,
    async handle({ services, actor, params, request }) {
      const channel = await loadAuthorized(
        services.db,
        actor,
        "channel.manage",
        "channels",
        params.id,
      );
      const rotated = await channelSecretRotator(services.db, services.secrets, {
        actor,
        channel,
      });
      return {
        data: {
          ...presentChannel(rotated.channel, browsedUrl(services.env, request)),
          secrets: rotated.secrets,
        },
      };
    },
  }),
];
