import { z } from "zod";
import { LOCALES } from "../../../../shared/enums.ts";
import { ZAccount, ZUser } from "../../../../shared/schemas.ts";
import { ZPassword, ZTimeZone } from "../users/schema.ts";

export const ZSetupRequest = z
  .object({
    accountName: z.string().trim().min(1).max(200),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Lowercase letters, digits and dashes."),
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(320),
    password: ZPassword,
    locale: z.enum(LOCALES).default("fr"),
    timeZone: ZTimeZone.default("Europe/Paris"),
  })
  .strict();

export const ZSetupNeeded = z.object({ needed: z.boolean() });

export const ZSetupResponse = z.object({ user: ZUser, account: ZAccount });
