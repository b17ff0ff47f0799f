import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import type { ResolvedChannel } from "../provider.ts";

const ZE164 = z
  .string()
  .trim()
  .transform((value, context) => {
    const parsed = parsePhoneNumberFromString(value);
    if (parsed?.isValid()) return parsed.number;
    context.addIssue({ code: "custom", message: "must be a phone number in E.164 (+14155550100)" });
    return z.NEVER;
  });

export const ZPhoneConfig = z.object({
  /** Twilio's account SID (AC…). */
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio account SID (AC…)"),
  /** The Twilio number calls come from, E.164. */
  from: ZE164,
  /** Twilio's REST API base URL (configurable for tests and regional edges). */
  apiUrl: z.url().default("https://api.twilio.com"),
  /**
   * This server's public URL as Twilio reaches it: status callbacks are sent to
   * <publicUrl>/hooks/<channel-id> and their signatures are checked against that URL.
   */
  publicUrl: z.url().nullish(),
  /** Where an answered callback is connected (the agents' line), E.164; else a message is read. */
  connectTo: ZE164.nullish(),
  /** Record calls (the recording link is logged in the conversation). */
  record: z.boolean().default(false),
  /** Seconds the customer's phone rings before the call counts as missed. */
  ringSeconds: z.coerce.number().int().min(5).max(600).default(30),
});

export const ZPhoneSecrets = z.object({ authToken: z.string().min(8) });

export type PhoneConfig = z.infer<typeof ZPhoneConfig>;
export type PhoneSecrets = z.infer<typeof ZPhoneSecrets>;
export type PhoneChannel = ResolvedChannel<PhoneConfig, PhoneSecrets>;
