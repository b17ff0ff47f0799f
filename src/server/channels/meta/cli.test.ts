import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { testEnv } from "../../../../test/support/relais.ts";
import { accountCreator } from "../../commands/accountCreator.ts";
import type { Env } from "../../env.ts";
import { createServices } from "../../runtime.ts";
import { resolveChannel } from "../resolve.ts";

const ROOT = join(import.meta.dirname, "../../../..");

/** `node bin/relais.js <args>` against the test database, as an admin would type it. */
function relaisCli(env: Env, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      RELAIS_DATA: env.RELAIS_DATA,
      RELAIS_SECRET_KEY: env.RELAIS_SECRET_KEY,
    };
    if (env.DATABASE_URL) childEnv.DATABASE_URL = env.DATABASE_URL;
    else delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, [join(ROOT, "bin/relais.js"), ...args], {
      cwd: ROOT,
      env: childEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("relais channel add facebook | instagram | whatsapp", () => {
  let env: Env;
  const slug = `meta-cli-${Date.now().toString(36)}`;

  beforeAll(async () => {
    env = await testEnv();
    const services = await createServices(env);
    try {
      await accountCreator(services.db, { slug, name: "Meta CLI" });
    } finally {
      await services.queue.stop().catch(() => {});
      await services.database.close();
    }
  });

  /** Channel ids printed by the CLI, checked against the database at the end. */
  const printedIds: Record<string, string> = {};

  it("adds a Facebook Page from its flags and prints its id and webhook URL", async () => {
    const result = await relaisCli(env, [
      "channel",
      "add",
      "facebook",
      "--account",
      slug,
      "--name",
      "Maison Lumière",
      "--page-id",
      "104857600123456",
      "--page-token",
      "EAAGm0PX4ZCpsBA-cli-page-token",
      "--app-secret",
      "cli-app-secret-123",
      "--verify-token",
      "cli-verify-token",
      "--graph-url",
      "http://127.0.0.1:9/graph",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(printed.webhookUrl).toMatch(new RegExp(`/hooks/${printed.id}$`));
    printedIds.facebook = printed.id;
  }, 120_000);

  it("adds an Instagram account with --ig-user-id, on the default Graph URL, without Human Agent", async () => {
    const result = await relaisCli(env, [
      "channel",
      "add",
      "instagram",
      "--account",
      slug,
      "--name",
      "@maisonlumiere",
      "--page-id",
      "104857600123456",
      "--page-token",
      "EAAGm0PX4ZCpsBA-cli-page-token",
      "--app-secret",
      "cli-app-secret-123",
      "--verify-token",
      "cli-verify-token",
      "--ig-user-id",
      "17841400123456789",
      "--human-agent",
      "off",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.id).toBeTruthy();
    expect(printed.webhookUrl).toContain(`/hooks/${printed.id}`);
    printedIds.instagram = printed.id;
  }, 120_000);

  it("adds a WhatsApp number with its WABA id and refuses a missing required flag", async () => {
    const result = await relaisCli(env, [
      "channel",
      "add",
      "whatsapp",
      "--account",
      slug,
      "--name",
      "WhatsApp",
      "--phone-number-id",
      "106540352242922",
      "--access-token",
      "EAAJB0-cli-system-user-token",
      "--app-secret",
      "cli-app-secret-123",
      "--verify-token",
      "cli-verify-token",
      "--waba-id",
      "102290129340398",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.id).toBeTruthy();
    expect(printed.webhookUrl).toContain(`/hooks/${printed.id}`);
    printedIds.whatsapp = printed.id;

    const missing = await relaisCli(env, [
      "channel",
      "add",
      "whatsapp",
      "--account",
      slug,
      "--access-token",
      "EAAJB0-cli-system-user-token",
      "--app-secret",
      "cli-app-secret-123",
      "--verify-token",
      "cli-verify-token",
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("--phone-number-id");
  }, 120_000);

  it("stored every flag in the channel's config or its sealed secrets", async () => {
    const services = await createServices(env);
    try {
      const stored = async (id: string | undefined) => {
        const row = await services.db
          .selectFrom("channels")
          .selectAll()
          .where("id", "=", id ?? "")
          .executeTakeFirstOrThrow();
        expect(row.secrets).not.toContain("cli-app-secret-123");
        return resolveChannel(row, services.secrets).channel;
      };
      const facebook = await stored(printedIds.facebook);
      // Without --human-agent, the permission is assumed (replies up to 7 days).
      expect(facebook.config).toEqual({
        pageId: "104857600123456",
        graphUrl: "http://127.0.0.1:9/graph",
        humanAgent: true,
      });
      expect(facebook.secrets).toEqual({
        pageToken: "EAAGm0PX4ZCpsBA-cli-page-token",
        appSecret: "cli-app-secret-123",
        verifyToken: "cli-verify-token",
      });
      const instagram = await stored(printedIds.instagram);
      expect(instagram.config).toEqual({
        pageId: "104857600123456",
        igUserId: "17841400123456789",
        graphUrl: "https://graph.facebook.com",
        humanAgent: false,
      });
      const whatsapp = await stored(printedIds.whatsapp);
      expect(whatsapp.config).toEqual({
        phoneNumberId: "106540352242922",
        wabaId: "102290129340398",
        graphUrl: "https://graph.facebook.com",
      });
      expect(whatsapp.secrets).toEqual({
        accessToken: "EAAJB0-cli-system-user-token",
        appSecret: "cli-app-secret-123",
        verifyToken: "cli-verify-token",
      });
    } finally {
      await services.queue.stop().catch(() => {});
      await services.database.close();
    }
  }, 120_000);
});
