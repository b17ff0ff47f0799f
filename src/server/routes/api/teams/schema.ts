import { z } from "zod";
import { ZId } from "../../route.ts";

export { ZTeam } from "../../../../shared/schemas.ts";

export const ZTeamSkills = z
  .object({
    languages: z.array(z.string().min(2).max(10)).max(20).optional(),
    categories: z.array(z.string().min(1).max(60)).max(40).optional(),
    channelKinds: z.array(z.string().min(1).max(20)).max(20).optional(),
  })
  .strict();

export const ZTeamCreateRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    skills: ZTeamSkills.default({}),
    memberIds: z.array(ZId).max(500).default([]),
  })
  .strict();
export type TTeamCreateRequest = z.infer<typeof ZTeamCreateRequest>;

export const ZTeamUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    skills: ZTeamSkills.optional(),
    memberIds: z.array(ZId).max(500).optional(),
  })
  .strict();
export type TTeamUpdateRequest = z.infer<typeof ZTeamUpdateRequest>;
