import { z } from "zod";
import type { CliOption } from "../provider.ts";
import { DEFAULT_GRAPH_URL } from "./graph.ts";

/** Numeric Graph ids: a Page, an Instagram account, a phone number, a WhatsApp Business Account. */
export const ZGraphId = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,30}$/, "must be a numeric Graph id"));

export const ZGraphUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//.test(url), "must be an http(s) URL")
  .default(DEFAULT_GRAPH_URL);

/** What every Meta channel keeps secret: the token it calls with and the app's webhook secrets. */
export const ZMetaAppSecrets = z.object({
  appSecret: z.string().min(8),
  verifyToken: z.string().min(8),
});

export const ZPageSecrets = ZMetaAppSecrets.extend({ pageToken: z.string().min(10) });

/** A yes/no setting: a boolean from the API and the settings form, on/off from the CLI. */
export const ZSwitch = z.union([
  z.boolean(),
  z
    .enum(["on", "off", "true", "false", "yes", "no"])
    .transform((value) => value === "on" || value === "true" || value === "yes"),
]);

export const ZPageConfig = z.object({
  pageId: ZGraphId,
  graphUrl: ZGraphUrl,
  /**
   * Whether the Meta app has the Human Agent permission: a person of the business may then
   * answer up to 7 days after the customer's last message (`HUMAN_AGENT` tag) instead of 24 hours.
   */
  humanAgent: ZSwitch.default(true),
});

export const META_APP_OPTIONS: readonly CliOption[] = [
  {
    flag: "--app-secret <secret>",
    description: "the Meta app's secret (signs webhooks: X-Hub-Signature-256)",
    into: "secrets",
    key: "appSecret",
    required: true,
  },
  {
    flag: "--verify-token <token>",
    description: "the verify token entered with the webhook URL in the Meta app dashboard",
    into: "secrets",
    key: "verifyToken",
    required: true,
  },
  {
    flag: "--graph-url <url>",
    description: `Graph API base URL (default ${DEFAULT_GRAPH_URL})`,
    into: "config",
    key: "graphUrl",
  },
];

export const PAGE_OPTIONS: readonly CliOption[] = [
  {
    flag: "--page-id <id>",
    description: "the Facebook Page id",
    into: "config",
    key: "pageId",
    required: true,
  },
  {
    flag: "--page-token <token>",
    description: "a Page access token with pages_messaging (and pages_manage_engagement)",
    into: "secrets",
    key: "pageToken",
    required: true,
  },
  {
    flag: "--human-agent <on|off>",
    description:
      "whether the app has Meta's Human Agent permission: answer up to 7 days after the " +
      "customer's last message instead of 24 hours (default on)",
    into: "config",
    key: "humanAgent",
  },
  ...META_APP_OPTIONS,
];
