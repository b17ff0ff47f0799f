import { z } from "zod";

export const ZUploadQuery = z.object({
  filename: z
    .string()
    .trim()
    .min(1, { message: "name the file (?filename=…)" })
    .max(500)
    .describe("The file's name, as the customer will see it"),
});
export type TUploadQuery = z.infer<typeof ZUploadQuery>;

export const ZUploadBody = z.instanceof(Buffer, {
  message: "send the file's bytes as the request body, with its Content-Type",
});

/** An agent's upload, ready to be named in a reply's `attachmentIds`. */
export const ZUpload = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
});
export type TUpload = z.infer<typeof ZUpload>;

/** A signed download link, as the chat widget and the API channel's webhook hand it out. */
export const ZDownloadQuery = z.object({
  account: z.uuid(),
  expires: z.coerce.number().int().positive(),
  signature: z.string().min(1).max(200),
});

/** A file's bytes, with its own Content-Type (not JSON). */
export const ZFile = z.unknown();
