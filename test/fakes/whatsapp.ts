import { createHash } from "node:crypto";
import {
  type FakeAnswer,
  fakeId,
  type GraphCall,
  graphError,
  metaFixture,
  startGraphFake,
} from "./graph.ts";

/**
 * The WhatsApp Cloud API on loopback: `POST /<phone-number-id>/messages` (text and template),
 * `GET /<waba-id>/message_templates` with paging, Cloud API error bodies (with
 * `error_data.details`) and rate-limit answers scripted by the test.
 *
 * The customer service window: once a test says when a customer last wrote (`customerWrote`),
 * any message but a template to them more than 24 hours later is refused as the Cloud API does,
 * with error 131047 ("Re-engagement message"). Customers the test said nothing about are taken
 * as within the window.
 */
export interface WhatsAppFakeOptions {
  accessToken: string;
  appSecret: string;
  phoneNumberId: string;
  wabaId: string;
}

export interface SentWhatsApp {
  id: string;
  to: string;
  type: string;
  body: any;
}

export async function startWhatsAppFake(options: WhatsAppFakeOptions) {
  const sent: SentWhatsApp[] = [];
  /** Media the customer sent, by media id: `GET /{media-id}`, then its URL with the token. */
  const media = new Map<string, { content: Buffer; mimeType: string }>();
  /** When each customer (wa_id or business-scoped id) last wrote, epoch milliseconds. */
  const lastWrote = new Map<string, number>();
  let baseUrl = "";
  const answer = (call: GraphCall): FakeAnswer | null => {
    if (call.method === "POST" && call.path === `${options.phoneNumberId}/messages`) {
      const body = call.body ?? {};
      if (body.messaging_product !== "whatsapp") {
        return graphError(400, {
          message: "(#100) The parameter messaging_product is required.",
          code: 100,
        });
      }
      const to = String(body.to ?? body.recipient ?? "");
      if (body.type === "text" && !body.text?.body) {
        return graphError(400, { message: "(#100) Param text['body'] is required.", code: 100 });
      }
      if (body.type === "template" && !body.template?.name) {
        return graphError(400, {
          message: "(#100) Param template['name'] is required.",
          code: 100,
        });
      }
      const wrote = lastWrote.get(to.replace(/^\+/, ""));
      if (body.type !== "template" && wrote !== undefined && Date.now() - wrote > WINDOW_MS) {
        return reEngagementRequired();
      }
      const listError = body.type === "interactive" ? interactiveListError(body.interactive) : null;
      if (listError) return graphError(400, { message: listError, code: 131009 });
      const id = `wamid.${Buffer.from(fakeId()).toString("base64")}`;
      sent.push({ id, to, type: body.type, body });
      return {
        body: {
          messaging_product: "whatsapp",
          contacts: [{ input: to, wa_id: to.replace(/^\+/, "") }],
          messages: [{ id }],
        },
      };
    }
    const file = call.method === "GET" ? media.get(call.path) : undefined;
    if (file) {
      return {
        body: {
          messaging_product: "whatsapp",
          url: `${baseUrl}/whatsapp_business/attachments/?mid=${call.path}&ext=1733500000&hash=ATsF`,
          mime_type: file.mimeType,
          sha256: createHash("sha256").update(file.content).digest("hex"),
          file_size: file.content.length,
          id: call.path,
        },
      };
    }
    if (call.method === "GET" && call.path === `${options.wabaId}/message_templates`) {
      const page = metaFixture("whatsapp-templates");
      if (call.query.get("after")) return { body: { data: [], paging: { cursors: {} } } };
      return { body: page };
    }
    return null;
  };
  const graph = await startGraphFake({
    accessToken: options.accessToken,
    appSecret: options.appSecret,
    extra: answer,
    // The media URL needs the same token in the Authorization header (no appsecret_proof).
    files(request, url) {
      if (url.pathname !== "/whatsapp_business/attachments/") return null;
      if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
        return graphError(401, { message: "Invalid OAuth access token", code: 190 });
      }
      const file = media.get(url.searchParams.get("mid") ?? "");
      if (!file) return graphError(404, { message: "Media not found", code: 100 });
      return { body: file.content, headers: { "content-type": file.mimeType } };
    },
  });
  baseUrl = graph.url;
  return {
    ...graph,
    sent,
    /** The files the Cloud API keeps, by media id (cleared between tests). */
    media,
    /** The customer wrote at this time: it opens (or, long ago, closes) their 24-hour window. */
    customerWrote(waId: string, at: Date) {
      lastWrote.set(waId.replace(/^\+/, ""), at.getTime());
    },
    /** A file the customer sent, as the Cloud API keeps it under its media id. */
    addMedia(id: string, content: Buffer, mimeType: string) {
      media.set(id, { content, mimeType });
    },
    /** GETs of the media URLs (the files themselves), with their headers. */
    fileDownloads: () => graph.requests.filter((r) => r.url.startsWith("/whatsapp_business/")),
  };
}

const WINDOW_MS = 24 * 3_600_000;

/** The Cloud API's refusal of a free-form message outside the customer service window. */
function reEngagementRequired(): FakeAnswer {
  return graphError(400, {
    message: "(#131047) Re-engagement message",
    code: 131047,
    details:
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  });
}

/** The Cloud API's answer when a business/customer pair is sent too much (131056). */
export function pairRateLimit(): FakeAnswer {
  return graphError(400, {
    message: "(#131056) (Business Account, Consumer Account) pair rate limit hit",
    code: 131056,
    details:
      "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
  });
}

export { SAMPLE_MEDIA } from "./media.ts";

interface FakeList {
  type?: string;
  body?: { text?: string };
  action?: {
    button?: string;
    sections?: Array<{
      title?: string;
      rows?: Array<{ id?: string; title?: string; description?: string }>;
    }>;
  };
}

/**
 * The documented limits of an interactive list message (Cloud API, "Interactive list
 * messages"): body ≤ 1,024 characters, button ≤ 20, at most 10 rows in all, row id ≤ 200,
 * title ≤ 24, description ≤ 72. The message the Cloud API answers with, or null when valid.
 */
function interactiveListError(interactive: FakeList | undefined): string | null {
  if (interactive?.type !== "list")
    return "(#131009) Parameter value is not valid: interactive.type";
  const text = interactive.body?.text ?? "";
  if (!text || text.length > 1024) return "(#131009) Parameter value is not valid: body.text";
  const button = interactive.action?.button ?? "";
  if (!button || button.length > 20) return "(#131009) Parameter value is not valid: action.button";
  const rows = (interactive.action?.sections ?? []).flatMap((section) => section.rows ?? []);
  if (rows.length === 0 || rows.length > 10) return "(#131009) Parameter value is not valid: rows";
  for (const row of rows) {
    if (!row.id || row.id.length > 200) return "(#131009) Parameter value is not valid: row.id";
    if (!row.title || row.title.length > 24)
      return "(#131009) Parameter value is not valid: row.title";
    if ((row.description ?? "").length > 72)
      return "(#131009) Parameter value is not valid: row.description";
  }
  return null;
}
