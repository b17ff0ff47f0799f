import type { ChannelKind } from "../../shared/enums.ts";

/**
 * What an admin types to connect each kind of channel: the flags of `relais channel add <kind>`
 * (each provider's cliOptions), plus a few settings the CLI leaves to their defaults. Checked
 * against the providers by channelFields.test.ts, so a provider's new option fails the tests
 * until the form offers it. Chat has a form of its own (ChatChannelFields).
 */

export type FieldType = "text" | "url" | "email" | "phone" | "number" | "secret" | "boolean";

export interface ChannelField {
  key: string;
  into: "config" | "secrets";
  type: FieldType;
  required?: boolean;
  /** The config accepts null: clearing the field removes the value. */
  nullable?: boolean;
  placeholder?: string;
  /** A switch's value when the config does not say (the provider's default). */
  defaultValue?: boolean;
}

export interface ChannelKindForm {
  fields: readonly ChannelField[];
  /** The provider posts to /hooks/<id>: its address is shown after creation. */
  webhook: boolean;
  /** Relais generates the channel's own secrets (shown once when they are for the admin). */
  generatesSecrets: boolean;
  /** Relais can register its webhook with the provider itself (a button on an existing channel). */
  registersWebhook?: boolean;
}

const META_APP: readonly ChannelField[] = [
  { key: "appSecret", into: "secrets", type: "secret", required: true },
  { key: "verifyToken", into: "secrets", type: "secret", required: true },
  { key: "graphUrl", into: "config", type: "url", placeholder: "https://graph.facebook.com" },
];

const PAGE: readonly ChannelField[] = [
  { key: "pageId", into: "config", type: "text", required: true, placeholder: "104857600123456" },
  { key: "pageToken", into: "secrets", type: "secret", required: true },
  // Meta's Human Agent permission: replies up to 7 days after the customer's last message.
  { key: "humanAgent", into: "config", type: "boolean", defaultValue: true },
  ...META_APP,
];

export const CHANNEL_FORMS: Record<ChannelKind, ChannelKindForm> = {
  api: {
    webhook: true,
    generatesSecrets: true,
    fields: [
      {
        key: "outboundUrl",
        into: "config",
        type: "url",
        nullable: true,
        placeholder: "https://shop.example.com/relais",
      },
    ],
  },
  email: {
    webhook: false,
    generatesSecrets: true,
    fields: [
      {
        key: "address",
        into: "config",
        type: "email",
        required: true,
        placeholder: "support@shop.example",
      },
      { key: "fromName", into: "config", type: "text", nullable: true },
      {
        key: "imapUrl",
        into: "secrets",
        type: "secret",
        placeholder: "imaps://user:password@imap.example.com:993/INBOX",
      },
      {
        key: "smtpUrl",
        into: "secrets",
        type: "secret",
        placeholder: "smtps://user:password@smtp.example.com:465",
      },
      { key: "pollIntervalSeconds", into: "config", type: "number", placeholder: "60" },
    ],
  },
  chat: {
    webhook: false,
    generatesSecrets: true,
    fields: [
      { key: "allowedOrigins", into: "config", type: "text" },
      { key: "contactEmail", into: "config", type: "email", nullable: true },
      { key: "contactPhone", into: "config", type: "phone", nullable: true },
    ],
  },
  phone: {
    webhook: true,
    generatesSecrets: false,
    fields: [
      {
        key: "accountSid",
        into: "config",
        type: "text",
        required: true,
        placeholder: "AC0123456789abcdef0123456789abcdef",
      },
      { key: "authToken", into: "secrets", type: "secret", required: true },
      { key: "from", into: "config", type: "phone", required: true, placeholder: "+14155550100" },
      { key: "connectTo", into: "config", type: "phone", nullable: true },
      { key: "publicUrl", into: "config", type: "url", nullable: true },
      { key: "record", into: "config", type: "boolean" },
      { key: "ringSeconds", into: "config", type: "number", placeholder: "30" },
      { key: "apiUrl", into: "config", type: "url", placeholder: "https://api.twilio.com" },
    ],
  },
  x: {
    webhook: true,
    generatesSecrets: false,
    registersWebhook: true,
    fields: [
      { key: "userId", into: "config", type: "text", required: true },
      { key: "consumerKey", into: "secrets", type: "secret", required: true },
      { key: "consumerSecret", into: "secrets", type: "secret", required: true },
      { key: "accessToken", into: "secrets", type: "secret", required: true },
      { key: "accessTokenSecret", into: "secrets", type: "secret", required: true },
      { key: "pollSeconds", into: "config", type: "number", nullable: true },
      { key: "apiUrl", into: "config", type: "url", placeholder: "https://api.x.com" },
    ],
  },
  facebook: { webhook: true, generatesSecrets: false, fields: PAGE },
  instagram: {
    webhook: true,
    generatesSecrets: false,
    fields: [
      ...PAGE,
      {
        key: "igUserId",
        into: "config",
        type: "text",
        required: true,
        placeholder: "17841400123456789",
      },
    ],
  },
  whatsapp: {
    webhook: true,
    generatesSecrets: false,
    fields: [
      { key: "phoneNumberId", into: "config", type: "text", required: true },
      { key: "accessToken", into: "secrets", type: "secret", required: true },
      { key: "wabaId", into: "config", type: "text" },
      ...META_APP,
    ],
  },
  mastodon: {
    webhook: false,
    generatesSecrets: false,
    fields: [
      {
        key: "instanceUrl",
        into: "config",
        type: "url",
        required: true,
        placeholder: "https://mastodon.social",
      },
      { key: "accessToken", into: "secrets", type: "secret", required: true },
      { key: "pollSeconds", into: "config", type: "number", placeholder: "30" },
    ],
  },
  bluesky: {
    webhook: false,
    generatesSecrets: false,
    fields: [
      {
        key: "handle",
        into: "config",
        type: "text",
        required: true,
        placeholder: "shop.bsky.social",
      },
      { key: "appPassword", into: "secrets", type: "secret", required: true },
      { key: "serviceUrl", into: "config", type: "url", placeholder: "https://bsky.social" },
      { key: "pollSeconds", into: "config", type: "number", placeholder: "30" },
    ],
  },
};

/** The i18n keys of a field's label and help (help may differ by kind: one token, two meanings). */
export function fieldLabelKey(key: string): string {
  return `channelFields.labels.${key}`;
}

export function fieldHelpKey(kind: ChannelKind, key: string): string {
  return `channelFields.help.${kind}.${key}`;
}

/** The value a form holds for a config field: text, number or a boolean. */
export type FieldValue = string | boolean;

export function initialValue(field: ChannelField, config: Record<string, unknown>): FieldValue {
  if (field.into === "secrets") return "";
  const value = config[field.key];
  if (field.type === "boolean")
    return value === undefined ? field.defaultValue === true : value === true;
  if (value === undefined || value === null) return "";
  return String(value);
}

/**
 * What the form sends: config and secrets from the typed values. On creation, empty fields are
 * left out (the provider's defaults apply); on an edit, only changed fields are sent, a cleared
 * nullable one as null, and secrets only when something new was typed (they are write-only).
 */
export function buildPayload(
  form: ChannelKindForm,
  values: Record<string, FieldValue>,
  before: Record<string, unknown> | null,
): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const field of form.fields) {
    const raw = values[field.key];
    const target = field.into === "config" ? config : secrets;
    if (field.type === "boolean") {
      if (before === null || before[field.key] !== raw) target[field.key] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (field.into === "secrets") {
      if (text) target[field.key] = text;
      continue;
    }
    const value = text === "" ? null : field.type === "number" ? Number(text) : text;
    if (before === null) {
      if (value !== null) target[field.key] = value;
      continue;
    }
    const previous = before[field.key] ?? null;
    if (String(previous ?? "") === text) continue;
    if (value === null && !field.nullable) continue;
    target[field.key] = value;
  }
  return { config, secrets };
}
