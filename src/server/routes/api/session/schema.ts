import { z } from "zod";
import { ZAccount, ZUser } from "../../../../shared/schemas.ts";

export const ZSessionRequest = z
  .object({
    email: z.string().trim().min(3).max(320),
    password: z.string().min(1).max(1000),
    account: z
      .string()
      .max(63)
      .optional()
      .describe("Account slug, when the email exists in several"),
  })
  .strict();

export const ZSessionResponse = z.object({ user: ZUser, account: ZAccount });

export const ZSignedOut = z.object({ signedOut: z.boolean() });
