import { z } from "zod";
import { AppError, unprocessable } from "../../errors.ts";
import { type GraphCredentials, graphRequest } from "../meta/graph.ts";
import type { ChannelProvider, ReplyTemplate, ResolvedChannel } from "../provider.ts";

/** An approved template as the agent picks it: its body and how many variables it takes. */
export interface TemplateSummary {
  name: string;
  language: string;
  status: string;
  category: string;
  variables: number;
  body: string;
}

/** Providers whose channels offer approved message templates (WhatsApp). */
export interface TemplateCatalog<Config = unknown, Secrets = unknown> {
  listTemplates(
    channel: ResolvedChannel<Config, Secrets>,
    context: { timeoutMs: number; allowPrivateAddresses: boolean },
  ): Promise<TemplateSummary[]>;
}

export function hasTemplateCatalog(
  provider: ChannelProvider<unknown, unknown>,
): provider is ChannelProvider<unknown, unknown> & TemplateCatalog {
  return typeof (provider as Partial<TemplateCatalog>).listTemplates === "function";
}

const ZTemplatePage = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      language: z.string(),
      status: z.string(),
      category: z.string().default(""),
      components: z.array(z.object({ type: z.string(), text: z.string().optional() })).default([]),
    }),
  ),
  paging: z
    .object({
      cursors: z.object({ after: z.string().optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});

const MAX_PAGES = 10;

/** `{{1}}` positional or `{{name}}` named placeholders, each counted once. */
export function countVariables(body: string): number {
  return new Set([...body.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1])).size;
}

/**
 * `GET /<waba-id>/message_templates` through its pages: the approved templates, with the text
 * of their body.
 */
export async function fetchApprovedTemplates(
  credentials: GraphCredentials,
  wabaId: string,
  timeoutMs: number,
): Promise<TemplateSummary[]> {
  const templates: TemplateSummary[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query: Record<string, string> = {
      fields: "name,language,status,category,components",
      status: "APPROVED",
      limit: "100",
    };
    if (after) query.after = after;
    const result = await graphRequest<unknown>(
      credentials,
      { method: "GET", path: `${wabaId}/message_templates`, query },
      timeoutMs,
    );
    if (!result.ok) {
      throw new AppError(
        result.throttled ? 429 : 502,
        "provider_error",
        `WhatsApp could not list the templates: ${result.failure.reason}`,
      );
    }
    const parsed = ZTemplatePage.safeParse(result.data);
    if (!parsed.success) {
      throw new AppError(
        502,
        "provider_error",
        "WhatsApp answered with an unexpected template list.",
      );
    }
    for (const template of parsed.data.data) {
      if (template.status !== "APPROVED") continue;
      const body =
        template.components.find((part) => part.type.toUpperCase() === "BODY")?.text ?? "";
      templates.push({
        name: template.name,
        language: template.language,
        status: template.status,
        category: template.category,
        variables: countVariables(body),
        body,
      });
    }
    after = parsed.data.paging?.cursors?.after;
    if (!parsed.data.paging?.next || !after) break;
  }
  return templates;
}

export function requireWabaId(wabaId: string | undefined): string {
  if (!wabaId) {
    throw unprocessable(
      "no_waba_id",
      "This WhatsApp channel has no WhatsApp Business Account id: set it with --waba-id.",
    );
  }
  return wabaId;
}

/** The Cloud API's template message: the body's parameters in order. */
export function templatePayload(template: ReplyTemplate) {
  return {
    name: template.name,
    language: { code: template.language },
    ...(template.variables.length
      ? {
          components: [
            {
              type: "body",
              parameters: template.variables.map((text) => ({ type: "text", text })),
            },
          ],
        }
      : {}),
  };
}
