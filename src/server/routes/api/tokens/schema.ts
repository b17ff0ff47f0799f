import { z } from "zod";

export const ZToken = z.object({
  id: z.string(),
  name: z.string(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ZTokenCreateRequest = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export type TTokenCreateRequest = z.infer<typeof ZTokenCreateRequest>;

export const ZTokenCreated = z.object({ id: z.string(), name: z.string(), token: z.string() });

export const ZTokenRevoked = z.object({ revoked: z.boolean() });
