import { z } from "zod";
import { LOCALES, ROLES } from "../../../../shared/enums.ts";

export { ZAccount, ZUser } from "../../../../shared/schemas.ts";

export const ZTimeZone = z
  .string()
  .max(64)
  .refine((zone) => zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone), {
    message: "Unknown time zone",
  });

export const ZPassword = z.string().min(10, "Use at least 10 characters.").max(200);

export const ZUserCreateRequest = z
  .object({
    email: z.string().trim().email().max(320),
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES).default("agent"),
    password: ZPassword.optional(),
    locale: z.enum(LOCALES).nullable().optional(),
    timeZone: ZTimeZone.nullable().optional(),
  })
  .strict();

export const ZUserUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    locale: z.enum(LOCALES).nullable().optional(),
    timeZone: ZTimeZone.nullable().optional(),
    available: z.boolean().optional(),
    disabled: z.boolean().optional(),
    signature: z
      .string()
      .trim()
      .max(40)
      .nullable()
      .optional()
      .describe('Appended to public social replies where the channel signs them; "" or null: none'),
    password: ZPassword.optional(),
    currentPassword: z
      .string()
      .max(1000)
      .optional()
      .describe("Needed to change one's own password"),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });

export const ZAccountUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    timeZone: ZTimeZone.optional(),
    locale: z.enum(LOCALES).optional(),
    publicName: z.string().trim().max(200).nullable().optional(),
    assignOnReply: z
      .boolean()
      .optional()
      .describe("Replying to an unassigned conversation assigns it to the replier"),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });

/** What demo data added to a new account. */
export const ZDemoFilled = z.object({ conversations: z.number(), agents: z.array(z.string()) });
