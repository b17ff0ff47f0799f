import { z } from "zod";
import { ZInstant } from "../../../shared/instant.ts";
import { randomSecret } from "../../crypto/tokens.ts";
import { badRequest } from "../../errors.ts";
import { surveyOf } from "../../surveys/message.ts";
import { failureFromError, failureFromResponse, httpRequest, truncate } from "../http.ts";
import { PrivateAddressRefused } from "../outboundGuard.ts";
import { type ChannelProvider, headerValue, type InboundItem } from "../provider.ts";
import { SIGNATURE_HEADER, signPayload, verifySignature } from "./signature.ts";

export const ZApiChannelConfig = z.object({ outboundUrl: z.string().url().nullish() });
export const ZApiChannelSecrets = z.object({ secret: z.string().min(16) });

export const ZApiInboundBody = z.object({
  message: z.object({
    id: z.string().min(1).max(200),
    text: z.string().max(100_000),
    sentAt: ZInstant.optional(),
  }),
  contact: z.object({
    id: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    email: z.string().email().max(320).optional(),
    phone: z.string().max(40).optional(),
  }),
});

/**
 * The generic signed API channel: any system can post customers' messages to
 * `/hooks/<channel-id>` and receive agents' replies at its outbound URL, both signed with the
 * channel secret.
 */
export const apiProvider: ChannelProvider<
  z.infer<typeof ZApiChannelConfig>,
  z.infer<typeof ZApiChannelSecrets>
> = {
  kind: "api",
  identityKind: "api",
  configSchema: ZApiChannelConfig,
  secretsSchema: ZApiChannelSecrets,
  idempotentSend: true,
  // The webhook carries signed links, not bytes: the limit is what one reply may store.
  attachments: { maxFiles: 10, maxTotalBytes: 100 * 1024 * 1024 },
  generateSecrets: () => ({ secret: randomSecret() }),
  cliOptions: [
    {
      flag: "--outbound-url <url>",
      description: "where agents' replies are POSTed, signed with the channel secret",
      into: "config",
      key: "outboundUrl",
    },
  ],

  verify(channel, request) {
    verifySignature(
      channel.secrets.secret,
      headerValue(request, SIGNATURE_HEADER),
      request.rawBody,
    );
  },

  parse(_channel, request): InboundItem[] {
    let json: unknown;
    try {
      json = JSON.parse(request.rawBody.toString("utf8"));
    } catch {
      throw badRequest("invalid_json", "The body is not valid JSON.");
    }
    const body = ZApiInboundBody.safeParse(json);
    if (!body.success) {
      const issue = body.error.issues[0];
      throw badRequest(
        "invalid_payload",
        `Invalid ${issue?.path.join(".") ?? "body"}: ${issue?.message}`,
      );
    }
    const { message, contact } = body.data;
    return [
      {
        type: "message",
        message: {
          externalId: message.id,
          text: message.text,
          visibility: "private",
          sentAt: message.sentAt ? new Date(message.sentAt) : undefined,
          contact: {
            identity: { kind: "api", value: contact.id, displayName: contact.name, verified: true },
            name: contact.name,
            email: contact.email,
            phone: contact.phone,
          },
        },
      },
    ];
  },

  async send(channel, { message, conversation, recipient, attachments = [] }, context) {
    const url = channel.config.outboundUrl;
    // Without an outbound URL the integration reads replies through the API (pull mode):
    // the reply is stored and available at once, so it counts as sent.
    if (!url) return { ok: true, status: "sent", metadata: { delivery: "pull" } };
    const survey = surveyOf(message);
    const body = JSON.stringify({
      message: {
        id: message.id,
        text: message.text,
        sentAt: new Date().toISOString(),
        // Each file by a signed link that needs no credentials and expires: fetch it soon.
        attachments: attachments.map((file) => {
          const link = context.attachmentLink?.(file);
          return {
            id: file.id,
            filename: file.filename,
            contentType: file.contentType,
            size: file.size,
            url: link?.url ?? null,
            expiresAt: link?.expiresAt.toISOString() ?? null,
          };
        }),
        // A satisfaction survey: its questions, a one-click link per score, and its page.
        ...(survey ? { survey } : {}),
      },
      conversation: { id: conversation.id, number: conversation.number },
      contact: { id: recipient?.value ?? null },
    });
    try {
      const response = await httpRequest(
        url,
        {
          headers: {
            "content-type": "application/json",
            "idempotency-key": message.id,
            [SIGNATURE_HEADER]: signPayload(channel.secrets.secret, body),
          },
          body,
          // The callback URL is resolved now: a name turned private since it was saved is refused.
          publicOnly: !context.allowPrivateAddresses,
        },
        context.timeoutMs,
      );
      if (response.status >= 200 && response.status < 300) return { ok: true, status: "sent" };
      return failureFromResponse(
        response,
        `The receiving system answered ${response.status}: ${truncate(response.text) || "no details"}`,
      );
    } catch (error) {
      if (error instanceof PrivateAddressRefused) {
        return { ok: false, retryable: false, reason: error.message };
      }
      return failureFromError(error);
    }
  },
};
