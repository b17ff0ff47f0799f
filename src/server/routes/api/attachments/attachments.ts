import { checkAttachmentLink } from "../../../attachments/links.ts";
import { discardUpload, storeUpload } from "../../../attachments/uploads.ts";
import { AppError, notFound } from "../../../errors.ts";
import { findSharedAttachment } from "../../../models/attachments.ts";
import { authorize } from "../../../policies/index.ts";
import { presentFile } from "../../../presenters/file.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZDeleted, ZIdParams } from "../../route.ts";
import { ZDownloadQuery, ZFile, ZUpload, ZUploadBody, ZUploadQuery } from "./schema.ts";

const tags = ["Attachments"];

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
    response: ZDeleted,
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
    response: ZFile,
    async handle({ services, actor, params, reply }) {
      const file = await loadAuthorized(
        services.db,
        actor,
        "conversation.read",
        "attachments",
        params.id,
      );
      return presentFile(reply, file);
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
    response: ZFile,
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
      const file = await findSharedAttachment(services.db, query.account, params.id);
      if (!file) throw notFound("Attachment");
      reply.header("cache-control", "private, max-age=3600");
      return presentFile(reply, file);
    },
  }),
];
