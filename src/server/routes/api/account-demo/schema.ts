import { z } from "zod";

/** How many of each thing the demo created still exist (or were just deleted). */
export const ZDemoCounts = z.object({
  conversations: z.number(),
  contacts: z.number(),
  channels: z.number(),
  rules: z.number(),
  cannedReplies: z.number(),
  teams: z.number(),
  users: z.number(),
});

export const ZDemoData = z.object({
  present: z.boolean().describe("Whether anything the demo created is still in the account"),
  counts: ZDemoCounts,
});

export const ZDemoDeleted = z.object({ deleted: ZDemoCounts });
