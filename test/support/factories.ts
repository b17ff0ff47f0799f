import { randomUUID } from "node:crypto";
import { createApiToken } from "../../src/server/auth/sessions.ts";
import { accountCreator } from "../../src/server/commands/accountCreator.ts";
import { channelCreator } from "../../src/server/commands/channelCreator.ts";
import { userCreator } from "../../src/server/commands/userCreator.ts";
import type { Services } from "../../src/server/services.ts";
import type { Role } from "../../src/shared/enums.ts";

export const TEST_PASSWORD = "correct horse battery";

/** A fresh account per call, so tests never share rows and can run in parallel. */
export async function createAccount(
  services: Services,
  props: { role?: Role; locale?: "fr" | "en" } = {},
) {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const account = await accountCreator(services.db, {
    slug,
    name: `Test ${slug}`,
    locale: props.locale ?? "fr",
  });
  const user = await createUser(services, account.id, props.role ?? "admin");
  return { account, user, token: user.token, password: TEST_PASSWORD };
}

export async function createUser(services: Services, accountId: string, role: Role = "agent") {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await userCreator(services.db, {
    accountId,
    email,
    name: `${role} ${email.slice(0, 12)}`,
    role,
    password: TEST_PASSWORD,
  });
  const { token } = await createApiToken(services, { accountId, userId: user.id }, "test");
  return { ...user, token };
}

export async function createApiChannel(
  services: Services,
  accountId: string,
  props: { outboundUrl?: string } = {},
) {
  const secret = `test-secret-${randomUUID()}`;
  const channel = await channelCreator(services.db, services.secrets, {
    accountId,
    kind: "api",
    name: "Shop",
    config: { outboundUrl: props.outboundUrl ?? null },
    secrets: { secret },
  });
  return { channel, secret };
}
