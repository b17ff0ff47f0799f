import { z } from "zod";
import { notFound } from "../../../errors.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export const attachmentRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/attachments/:id",
    summary: "Download an attachment (images inline, everything else as a download)",
    tags: ["Attachments"],
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
    },
  }),
];
