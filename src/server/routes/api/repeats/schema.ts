import { z } from "zod";

export const ZRepeatSettings = z.object({
  repeatWindowDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .describe("A customer back about the same problem within this many days is a repeat"),
  repeatAction: z
    .enum(["link", "reopen"])
    .describe(
      "link: the new conversation is linked to the earlier one; reopen: a resolved earlier conversation on the same channel is reopened with the new message",
    ),
});
export type TRepeatSettings = z.infer<typeof ZRepeatSettings>;

export const ZRepeatSettingsUpdate = ZRepeatSettings.partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
