import { z } from "zod";
import { CHANNEL_KINDS } from "../../../../shared/enums.ts";
import { ZChannel } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import { providerFor } from "../../../channels/registry.ts";
import { findChannel } from "../../../channels/resolve.ts";
import { channelCreator } from "../../../commands/channelCreator.ts";
import { inboundAddressClaimer } from "../../../commands/inboundAddressClaimer.ts";
import { publicUrl } from "../../../env.ts";
import { notFound, unprocessable, validationFailed } from "../../../errors.ts";
import { recordAudit, recordEvent } from "../../../events/outbox.ts";
import { authorize } from "../../../policies/index.ts";
import { presentChannel } from "../../../presenters/channel.ts";
import type { Services } from "../../../services.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const tags = ["Channels"];

const ZChannelCreateRequest = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    name: z.string().trim().min(1).max(100),
    config: z.record(z.string(), z.unknown()).default({}),
    secrets: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const ZChannelUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.unknown()).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });

const ZChannelWithSecrets = ZChannel.extend({
  secrets: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("Shown once, when Relais generated them"),
});

async function loadChannel(services: Services, actor: Actor, id: string) {
  const channel = await findChannel(services.db, actor.accountId, id);
  if (!channel) throw notFound("Channel");
  authorize(actor, "channel.read", channel);
  return channel;
}

export const channelRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/channels",
    summary: "The account's channels (never their secrets)",
    tags,
    auth: "user",
    response: z.array(ZChannel),
    async handle({ services, actor }) {
      authorize(actor, "channel.read");
      const rows = await services.db
        .selectFrom("channels")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .orderBy("created_at")
        .execute();
      return { data: rows.map((row) => presentChannel(row, publicUrl(services.env))) };
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
    async handle({ services, actor, body }) {
      authorize(actor, "channel.manage");
      const provider = providerFor(body.kind);
      // What Relais generates (signing secrets, token keys) joins what the admin typed, as with
      // the CLI; a value the admin gave wins.
      const generated = provider.generateSecrets?.() as Record<string, unknown> | undefined;
      const shown = generated
        ? Object.fromEntries(
            Object.entries(generated).filter(([key]) => !(key in (body.secrets ?? {}))),
          )
        : undefined;
      const channel = await channelCreator(services.db, services.secrets, {
        accountId: actor.accountId,
        kind: body.kind,
        name: body.name,
        config: body.config,
        secrets: { ...generated, ...body.secrets },
        actorUserId: actor.userId,
      });
      return {
        data: {
          ...presentChannel(channel, publicUrl(services.env)),
          secrets: shown && Object.keys(shown).length > 0 ? shown : undefined,
        },
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
    async handle({ services, actor, params }) {
      return {
        data: presentChannel(
          await loadChannel(services, actor, params.id),
          publicUrl(services.env),
        ),
      };
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
    async handle({ services, actor, params, body }) {
      const channel = await loadChannel(services, actor, params.id);
      authorize(actor, "channel.manage", channel);
      const provider = providerFor(channel.kind);
      const config = body.config
        ? provider.configSchema.safeParse({ ...channel.config, ...body.config })
        : null;
      if (config && !config.success)
        throw validationFailed(`Invalid channel config: ${config.error.issues[0]?.message}`);
      let sealed: string | undefined;
      if (body.secrets) {
        const current = channel.secrets
          ? services.secrets.open<Record<string, unknown>>(channel.secrets)
          : {};
        const secrets = provider.secretsSchema.safeParse({ ...current, ...body.secrets });
        if (!secrets.success)
          throw validationFailed(`Invalid channel secrets: ${secrets.error.issues[0]?.message}`);
        sealed = services.secrets.seal(secrets.data);
      }
      const updated = await services.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("channels")
          .set({
            name: body.name,
            config: config ? JSON.stringify(config.data) : undefined,
            secrets: sealed,
            disabled_at:
              body.disabled === undefined ? undefined : body.disabled ? new Date() : null,
          })
          .where("account_id", "=", actor.accountId)
          .where("id", "=", channel.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (config) await inboundAddressClaimer(trx, { channel: row, config: config.data });
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "channel.updated",
          payload: { channelId: channel.id, changes: Object.keys(body) },
          actorUserId: actor.userId,
        });
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "channel.update",
          subjectType: "channel",
          subjectId: channel.id,
          data: { changes: Object.keys(body) },
        });
        return row;
      });
      return { data: presentChannel(updated, publicUrl(services.env)) };
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
    async handle({ services, actor, params }) {
      const channel = await loadChannel(services, actor, params.id);
      authorize(actor, "channel.manage", channel);
      const generated = providerFor(channel.kind).generateSecrets?.();
      if (!generated)
        throw unprocessable(
          "no_generated_secret",
          "This channel's credentials come from its provider.",
        );
      const current = channel.secrets
        ? services.secrets.open<Record<string, unknown>>(channel.secrets)
        : {};
      const row = await services.db
        .updateTable("channels")
        .set({ secrets: services.secrets.seal({ ...current, ...(generated as object) }) })
        .where("account_id", "=", actor.accountId)
        .where("id", "=", channel.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(services.db, {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        action: "channel.rotate_secret",
        subjectType: "channel",
        subjectId: channel.id,
      });
      return {
        data: {
          ...presentChannel(row, publicUrl(services.env)),
          secrets: generated as Record<string, unknown>,
        },
      };
    },
  }),
];
