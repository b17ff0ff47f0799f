import { z } from "zod";
import { CHANNEL_KINDS } from "../../../../shared/enums.ts";
import { ZChannel } from "../../../../shared/schemas.ts";

export { ZChannel };

export const ZChannelCreateRequest = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    name: z.string().trim().min(1).max(100),
    config: z.record(z.string(), z.unknown()).default({}),
    secrets: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type TChannelCreateRequest = z.infer<typeof ZChannelCreateRequest>;

export const ZChannelUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.unknown()).optional(),
    disabled: z.boolean().optional(),
    signPublicReplies: z
      .boolean()
      .optional()
      .describe("Public replies carry their agent's signature"),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TChannelUpdateRequest = z.infer<typeof ZChannelUpdateRequest>;

export const ZChannelWithSecrets = ZChannel.extend({
  secrets: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("Shown once, when Relais generated them"),
});

export const ZTemplate = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string(),
  variables: z.number().int().describe("How many body variables the template takes"),
  body: z.string(),
});

export const ZWebhookRegistration = z.object({
  channel: ZChannel,
  webhookId: z.string().describe("The provider's id of the webhook, kept in the channel config"),
  url: z.string().describe("The webhook URL registered with the provider"),
  reused: z.boolean().describe("The provider already had this URL: nothing was created"),
  subscribed: z.boolean().describe("The account was subscribed now (false: it already was)"),
});
