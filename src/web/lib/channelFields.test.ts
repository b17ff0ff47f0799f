import { describe, expect, it } from "vitest";
import { z } from "zod";
import { providerFor, registeredKinds } from "../../server/channels/registry.ts";
import { hasWebhookRegistrar } from "../../server/channels/webhookRegistration.ts";
import { CHANNEL_KINDS, type ChannelKind } from "../../shared/enums.ts";
import en from "../i18n/en.json" with { type: "json" };
import fr from "../i18n/fr.json" with { type: "json" };
import { buildPayload, CHANNEL_FORMS, fieldHelpKey, fieldLabelKey } from "./channelFields.ts";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let current: string | Tree | undefined = tree;
  for (const part of key.split(".")) {
    if (!current || typeof current === "string") return undefined;
    current = current[part];
  }
  return typeof current === "string" ? current : undefined;
}

function shapeKeys(schema: unknown): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/**
 * The settings screen must configure every provider as the CLI does: each flag of
 * `relais channel add <kind>` has its field, in the same place (config or secrets), required
 * when the flag is; and every field names a key the provider's schemas know.
 */
describe("the channel forms", () => {
  it("offer a form for every registered kind", () => {
    expect([...registeredKinds()].sort()).toEqual([...CHANNEL_KINDS].sort());
  });

  for (const kind of CHANNEL_KINDS) {
    it(`${kind}: has a field for each CLI option, and only keys the provider knows`, () => {
      const provider = providerFor(kind);
      const form = CHANNEL_FORMS[kind];
      for (const option of provider.cliOptions ?? []) {
        const field = form.fields.find((candidate) => candidate.key === option.key);
        expect(field, `${kind} --${option.key}`).toBeDefined();
        expect(field?.into, `${kind}.${option.key}`).toBe(option.into);
        expect(Boolean(field?.required), `${kind}.${option.key} required`).toBe(
          Boolean(option.required),
        );
      }
      const configKeys = shapeKeys(provider.configSchema);
      const secretKeys = shapeKeys(provider.secretsSchema);
      for (const field of form.fields) {
        const known = field.into === "config" ? configKeys : secretKeys;
        expect(known, `${kind}.${field.key}`).toContain(field.key);
      }
      expect(form.generatesSecrets).toBe(typeof provider.generateSecrets === "function");
      // The settings offer "register the webhook" exactly where the provider can do it.
      expect(Boolean(form.registersWebhook)).toBe(hasWebhookRegistrar(provider));
    });
  }

  it("label and explain every field in French and English", () => {
    for (const kind of CHANNEL_KINDS) {
      for (const field of CHANNEL_FORMS[kind].fields) {
        for (const [name, tree] of [
          ["en", en],
          ["fr", fr],
        ] as const) {
          expect(
            lookup(tree as Tree, fieldLabelKey(field.key)),
            `${name} ${field.key}`,
          ).toBeTruthy();
          expect(
            lookup(tree as Tree, fieldHelpKey(kind as ChannelKind, field.key)),
            `${name} ${kind}.${field.key}`,
          ).toBeTruthy();
        }
      }
    }
  });

  it("send typed values, numbers as numbers, and secrets only when typed", () => {
    const form = CHANNEL_FORMS.mastodon;
    expect(
      buildPayload(
        form,
        { instanceUrl: " https://mastodon.social ", accessToken: "tok", pollSeconds: "45" },
        null,
      ),
    ).toEqual({
      config: { instanceUrl: "https://mastodon.social", pollSeconds: 45 },
      secrets: { accessToken: "tok" },
    });
    // An edit: unchanged fields and empty secrets are left out (the secret is kept).
    expect(
      buildPayload(
        form,
        { instanceUrl: "https://mastodon.social", accessToken: "", pollSeconds: "60" },
        { instanceUrl: "https://mastodon.social", pollSeconds: 30 },
      ),
    ).toEqual({ config: { pollSeconds: 60 }, secrets: {} });
    // A cleared nullable field becomes null; a cleared field with a default is left alone.
    expect(
      buildPayload(
        CHANNEL_FORMS.email,
        {
          address: "a@b.example",
          fromName: "",
          imapUrl: "",
          smtpUrl: "",
          pollIntervalSeconds: "",
        },
        { address: "a@b.example", fromName: "Shop", pollIntervalSeconds: 60 },
      ),
    ).toEqual({ config: { fromName: null }, secrets: {} });
  });
});
