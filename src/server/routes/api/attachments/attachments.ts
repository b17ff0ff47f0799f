import type { FastifyReply } from "fastify";
import { z } from "zod";
import { checkAttachmentLink } from "../../../attachments/links.ts";
import { discardUpload, storeUpload } from "../../../attachments/uploads.ts";
import { AppError, notFound } from "../../../errors.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZDownloadQuery, ZUpload, ZUploadBody, ZUploadQuery } from "./schema.ts";

const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const tags = ["Attachments"];

/**
 * A stored file as a download: only a few image types are shown inline; everything else
 * (HTML, SVG, scripts, PDFs…) is always an attachment, never interpreted by the browser.
 */
function sendFile(
  reply: FastifyReply,
  file: { filename: string; content_type: string; content: Uint8Array },
) {
  const inline = INLINE_TYPES.has(file.content_type);
  const filename = encodeURIComponent(file.filename);
  reply
    .header("content-type", inline ? file.content_type : "application/octet-stream")
    .header(
      "content-disposition",
      `${inline ? "inline" : "attachment"}; filename*=UTF-8''${filename}`,
    )
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox");
  return Buffer.from(file.content);
}

export const attachmentRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/attachments",
    summary:
      "Upload a file to attach to a reply: the raw bytes as the body, with their Content-Type",
    tags,
    auth: "user",
    query: ZUploadQuery,
    body: ZUploadBody,
    rawBody: { maxBytes: (env) => env.RELAIS_ATTACHMENT_MAX_BYTES },
    response: ZUpload,
    status: 201,
    async handle({ services, actor, query, body, request }) {
      authorize(actor, "conversation.reply");
      const upload = await storeUpload(services.db, {
        accountId: actor.accountId,
        userId: actor.userId,
        filename: query.filename,
        contentType: request.headers["content-type"],
        content: body,
      });
      return { data: upload };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/attachments/:id",
    summary: "Remove an upload not sent yet (taken out of the composer)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.object({ deleted: z.boolean() }),
    async handle({ services, actor, params }) {
      authorize(actor, "conversation.reply");
      if (!(await discardUpload(services.db, actor.accountId, params.id))) {
        throw notFound("Attachment");
      }
      return { data: { deleted: true } };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/attachments/:id",
    summary: "Download an attachment (images inline, everything else as a download)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.unknown(),
    async handle({ services, actor, params, reply }) {
      const file = await services.db
        .selectFrom("attachments")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .where("id", "=", params.id)
        .executeTakeFirst();
      if (!file) throw notFound("Attachment");
      authorize(actor, "conversation.read", file);
      return sendFile(reply, file);
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/attachments/:id/download",
    summary:
      "Download a file an agent sent, by the signed, expiring link the chat widget or the " +
      "API channel's webhook gave (no credentials)",
    tags,
    auth: "public",
    params: ZIdParams,
    query: ZDownloadQuery,
    response: z.unknown(),
    async handle({ services, params, query, reply }) {
      const check = checkAttachmentLink(services.secrets, {
        accountId: query.account,
        attachmentId: params.id,
        expires: query.expires,
        signature: query.signature,
      });
      if (check === "expired") {
        throw new AppError(403, "link_expired", "This download link has expired.");
      }
      if (check !== "valid") {
        throw new AppError(403, "link_invalid", "This download link is not valid.");
      }
      // Only files that went out with a message are ever shared.
      const file = await services.db
        .selectFrom("attachments as a")
        .innerJoin("messages as m", (join) =>
          join.onRef("m.account_id", "=", "a.account_id").onRef("m.id", "=", "a.message_id"),
        )
        .select(["a.filename", "a.content_type", "a.content"])
        .where("a.account_id", "=", query.account)
        .where("a.id", "=", params.id)
        .where("m.deleted_at", "is", null)
        .executeTakeFirst();
      if (!file) throw notFound("Attachment");
      reply.header("cache-control", "private, max-age=3600");
      return sendFile(reply, file);
    },
  }),
];
