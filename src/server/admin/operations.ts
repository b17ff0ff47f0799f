import { z } from "zod";
import { STORE_CHANNEL_KINDS } from "../../shared/backoffice.ts";
import { CHANNEL_KINDS, ROLES } from "../../shared/enums.ts";
import { createApiToken } from "../auth/sessions.ts";
import { providerFor } from "../channels/registry.ts";
import { accountCreator, findAccountBySlug } from "../commands/accountCreator.ts";
import { channelCreator } from "../commands/channelCreator.ts";
import { userCreator } from "../commands/userCreator.ts";
import { webhookRegistrar } from "../commands/webhookRegistrar.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { publicUrl } from "../env.ts";
import { isAppError, notFound, validationFailed } from "../errors.ts";
import { twcsImporter } from "../imports/twcs/importer.ts";
import { webhookUrl } from "../presenters/channel.ts";
import type { Services } from "../services.ts";
import { backofficeOperations } from "./backofficeOperations.ts";
import { loadDemo } from "./demo/index.ts";
import { loadScaleDemo } from "./demo/scale/index.ts";

export type Progress = (done: number, total: number, label: string) => void;

/** Administration run by the CLI, locally or through a running server (routes/admin.ts). */
export interface Operation<Args = unknown> {
  schema: z.ZodType<Args>;
  run(services: Services, args: Args, progress: Progress): Promise<unknown>;
}

const ZSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "an account slug is lowercase letters, digits and dashes");

async function requireAccount(services: Services, slug: string) {
  const account = await findAccountBySlug(services.db, slug);
  if (!account) throw notFound(`Account "${slug}"`);
  return account;
}

const migrate: Operation<Record<string, never>> = {
  schema: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async run(services) {
    return { applied: await migrateToLatest(services.db as never) };
  },
};

const ZUserCreate = z.object({
  account: ZSlug,
  email: z.string().email(),
  password: z.string().min(10, "the password needs at least 10 characters"),
  role: z.enum(ROLES),
  name: z.string().min(1).optional(),
});

const userCreate: Operation<z.infer<typeof ZUserCreate>> = {
  schema: ZUserCreate,
  async run(services, args) {
    const account =
      (await findAccountBySlug(services.db, args.account)) ??
      (await accountCreator(services.db, { slug: args.account, name: args.account }));
    const user = await userCreator(services.db, {
      accountId: account.id,
      email: args.email,
      name: args.name ?? args.email.split("@")[0] ?? args.email,
      role: args.role,
      password: args.password,
    });
    return {
      accountId: account.id,
      account: account.slug,
      userId: user.id,
      email: user.email,
      role: user.role,
    };
  },
};

const ZTokenCreate = z.object({
  account: ZSlug,
  email: z.string().email(),
  name: z.string().default("cli"),
});

const tokenCreate: Operation<z.infer<typeof ZTokenCreate>> = {
  schema: ZTokenCreate,
  async run(services, args) {
    const account = await requireAccount(services, args.account);
    const user = await services.db
      .selectFrom("users")
      .select(["id"])
      .where("account_id", "=", account.id)
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", args.email.toLowerCase()))
      .executeTakeFirst();
    if (!user) throw notFound(`User ${args.email} in account "${args.account}"`);
    const { id, token } = await createApiToken(
      services,
      { accountId: account.id, userId: user.id },
      args.name,
    );
    return { id, token };
  },
};

const ZChannelAdd = z.object({
  kind: z.enum([...CHANNEL_KINDS, ...STORE_CHANNEL_KINDS]),
  account: ZSlug,
  name: z.string().min(1).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).default({}),
  /** Registers the webhook with the provider once the channel exists (X). */
  registerWebhook: z.boolean().optional(),
});

/** The registration's outcome, or the provider's refusal: the channel exists either way. */
async function registerAfterAdd(services: Services, accountId: string, channelId: string) {
  try {
    const { registration } = await webhookRegistrar(services, { accountId, channelId });
    return registration;
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}

const channelAdd: Operation<z.infer<typeof ZChannelAdd>> = {
  schema: ZChannelAdd,
  async run(services, args) {
    const account = await requireAccount(services, args.account);
    const provider = providerFor(args.kind);
    const generated = provider.generateSecrets?.() as Record<string, unknown> | undefined;
    const channel = await channelCreator(services.db, services.secrets, {
      accountId: account.id,
      kind: args.kind,
      name: args.name ?? args.kind,
      config: args.config,
      secrets: { ...generated, ...args.secrets },
    });
    return {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      ...(generated ?? {}),
      webhookUrl: webhookUrl(publicUrl(services.env), channel.id),
      ...(args.registerWebhook
        ? { webhookRegistration: await registerAfterAdd(services, account.id, channel.id) }
        : {}),
    };
  },
};

const ZDemo = z.object({ account: ZSlug.default("demo") });

const demo: Operation<z.infer<typeof ZDemo>> = {
  schema: ZDemo,
  run: (services, args, progress) => loadDemo(services, { slug: args.account, progress }),
};

const ZDemoScale = z.object({
  account: ZSlug.default("demo"),
  scale: z.number().int().min(1).max(50_000_000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  /** The end of the generated year, ISO 8601 (default: now). */
  until: z.string().datetime().optional(),
});

const demoScale: Operation<z.infer<typeof ZDemoScale>> = {
  schema: ZDemoScale,
  run: (services, args, progress) =>
    loadScaleDemo(services, {
      slug: args.account,
      scale: args.scale,
      seed: args.seed,
      until: args.until ? new Date(args.until) : undefined,
      progress,
    }),
};

const ZImportTwcs = z.object({
  account: ZSlug,
  /** An absolute path on the machine that runs the operation (the CLI resolves it). */
  file: z.string().min(1),
});

const importTwcs: Operation<z.infer<typeof ZImportTwcs>> = {
  schema: ZImportTwcs,
  async run(services, args, progress) {
    const account = await requireAccount(services, args.account);
    return twcsImporter(services.db, { accountId: account.id, file: args.file, progress });
  },
};

/** Each operation validates its own arguments with its schema before running. */
function erase<Args>(operation: Operation<Args>): Operation {
  return operation as unknown as Operation;
}

export const operations: Readonly<Record<string, Operation>> = {
  migrate: erase(migrate),
  "user.create": erase(userCreate),
  "token.create": erase(tokenCreate),
  "channel.add": erase(channelAdd),
  demo: erase(demo),
  ...(backofficeOperations as unknown as Record<string, Operation>),
  "import.twcs": erase(importTwcs),
  "demo.scale": erase(demoScale),
};

export async function runOperation(
  services: Services,
  name: string,
  rawArgs: unknown,
  progress: Progress = () => {},
): Promise<unknown> {
  const operation = operations[name];
  if (!operation) throw notFound(`Operation "${name}"`);
  const args = operation.schema.safeParse(rawArgs);
  if (!args.success) {
    const issue = args.error.issues[0];
    throw validationFailed(`${issue?.path.join(".") || "arguments"}: ${issue?.message}`);
  }
  return operation.run(services, args.data, progress);
}
