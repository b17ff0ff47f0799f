import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { ChannelKind } from "../../shared/enums.ts";
import { surveyMessageText, type TSurveySettings } from "../../shared/surveys.ts";
import type { ChannelProvider, ReplyTemplate } from "../channels/provider.ts";
import { checkReplyTarget } from "../channels/replyTarget.ts";
import { findChannel, resolveChannel } from "../channels/resolve.ts";
import { hasTemplateCatalog } from "../channels/whatsapp/templates.ts";
import { deliveryScheduler } from "../commands/deliveryScheduler.ts";
import { mintToken } from "../crypto/tokens.ts";
import type { Resolution } from "../db/schema/surveys.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { publicUrl } from "../env.ts";
import { AppError } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { customerLanguage } from "../i18n/customer.ts";
import type { TaskDefinition } from "../jobs/queue.ts";
import type { Services } from "../services.ts";
import { type SurveyPayload, surveyQuestions } from "./message.ts";
import { ASK_SURVEY } from "./resolutions.ts";
import { loadSurveySettings } from "./settings.ts";

export const SURVEY_TOKEN_PREFIX = "srv";
const TOKEN_DAYS = 30;
const DAY_MS = 86_400_000;

const ZAskSurvey = z.object({ accountId: z.uuid(), resolutionId: z.uuid() });

/**
 * Asks the survey of one resolution on the conversation's own channel, once: the resolution's
 * row is locked and its status moves from `pending` to `sent` (or `skipped`, with the reason)
 * in the transaction that stores the message and enqueues its delivery. A job run again after
 * a crash finds the status moved and does nothing.
 */
export const askSurveyTask: TaskDefinition<z.infer<typeof ZAskSurvey>, Services> = {
  name: ASK_SURVEY,
  schema: ZAskSurvey,
  retryLimit: 5,
  retryDelaySeconds: 10,
  async run(services, payload) {
    await surveyAsker(services, payload);
  },
};

export async function surveyAsker(
  services: Services,
  props: { accountId: string; resolutionId: string; now?: Date },
): Promise<void> {
  const { accountId } = props;
  const now = props.now ?? new Date();
  await services.db.transaction().execute(async (trx) => {
    const resolution = await trx
      .selectFrom("resolutions")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", props.resolutionId)
      .forUpdate()
      .executeTakeFirst();
    if (resolution?.survey_status !== "pending") return;
    const conversation = await trx
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", resolution.conversation_id)
      .executeTakeFirstOrThrow();
    const skip = (reason: string) => skipSurvey(trx, resolution, reason);

    const reason = await reasonNotToAsk(trx, resolution, conversation, now);
    if (reason) return skip(reason);
    const channelRow = conversation.channel_id
      ? await findChannel(trx, accountId, conversation.channel_id)
      : undefined;
    if (!channelRow || channelRow.disabled_at) return skip("The conversation has no channel.");
    const { provider, channel } = resolveChannel(channelRow, services.secrets);
    const settings = await loadSurveySettings(trx, accountId);
    const contact = await trx
      .selectFrom("contacts")
      .select("locale")
      .where("account_id", "=", accountId)
      .where("id", "=", conversation.contact_id)
      .executeTakeFirst();
    const account = await trx
      .selectFrom("accounts")
      .select("locale")
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    const language = customerLanguage(conversation.language, contact?.locale, account.locale);
    const { token, hash } = mintToken(SURVEY_TOKEN_PREFIX, accountId);
    const url = `${publicUrl(services.env)}/s/${token}`;
    const check = (template: ReplyTemplate | null) =>
      provider.checkReply?.(channel, { conversation, visibility: "private", template }) ?? null;
    const refusal = check(null);
    // A free-form message refused (WhatsApp after 24 hours): the approved template, when one is
    // set for the customer's language, asks instead, with the survey's link as its parameter.
    const template = refusal ? surveyTemplate(provider, settings, language, url) : null;
    if (refusal && !template) {
      const hint = hasTemplateCatalog(provider)
        ? ` No approved survey template is set for ${language} (survey settings, whatsappTemplate).`
        : "";
      return skip(`${refusal}${hint}`);
    }
    const templateRefusal = template ? check(template) : null;
    if (templateRefusal) return skip(templateRefusal);
    try {
      await checkReplyTarget(trx, provider, channel, conversation, "private");
    } catch (error) {
      if (error instanceof AppError) return skip(error.message);
      throw error;
    }

    const survey: SurveyPayload = {
      resolutionId: resolution.id,
      language,
      url,
      intro: settings.questions[language].intro,
      questions: surveyQuestions(settings, language, url),
    };
    const message = await trx
      .insertInto("messages")
      .values({
        account_id: accountId,
        conversation_id: conversation.id,
        channel_id: conversation.channel_id,
        direction: "out",
        author_user_id: null,
        text: surveyMessageText(settings, language, url),
        visibility: "private",
        delivery_status: "queued",
        metadata: JSON.stringify(template ? { survey, template } : { survey }),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await deliveryScheduler(services, trx, message);
    await trx
      .updateTable("resolutions")
      .set({
        survey_status: "sent",
        survey_language: language,
        survey_ask: sql<string[]>`${sql.val(settings.ask)}::text[]`,
        token_hash: hash,
        message_id: message.id,
        sent_at: now,
        expires_at: new Date(now.getTime() + TOKEN_DAYS * DAY_MS),
      })
      .where("account_id", "=", accountId)
      .where("id", "=", resolution.id)
      .execute();
    await recordEvent(trx, {
      accountId,
      name: "message.created",
      payload: { conversationId: conversation.id, messageId: message.id },
    });
  });
}

/** Why this resolution's survey is not asked, or null when it is. */
async function reasonNotToAsk(
  trx: Kysely<DB>,
  resolution: Resolution,
  conversation: Conversation,
  now: Date,
): Promise<string | null> {
  if (
    conversation.status !== "resolved" ||
    conversation.resolved_at?.getTime() !== resolution.resolved_at.getTime()
  ) {
    return "reopened";
  }
  const settings = await loadSurveySettings(trx, resolution.account_id);
  if (!settings.enabled) return "Surveys are turned off.";
  const channel = conversation.channel_id
    ? await findChannel(trx, conversation.account_id, conversation.channel_id)
    : undefined;
  if (channel && !settings.channelKinds.includes(channel.kind as ChannelKind)) {
    return `Surveys are not asked on ${channel.kind} channels.`;
  }
  if (conversation.visibility === "public") {
    return "Only a public thread exists: surveys are asked in private messages only.";
  }
  const category = conversation.category;
  if (category && settings.skipIf.categories?.some((skip) => category.startsWith(skip))) {
    return `Skipped for the category ${category}.`;
  }
  const label = conversation.labels.find((l) => settings.skipIf.labels?.includes(l));
  if (label) return `Skipped for the label ${label}.`;
  if (settings.minDaysBetweenSurveys > 0) {
    const since = new Date(now.getTime() - settings.minDaysBetweenSurveys * DAY_MS);
    const recent = await trx
      .selectFrom("resolutions")
      .select("sent_at")
      .where("account_id", "=", conversation.account_id)
      .where("contact_id", "=", conversation.contact_id)
      .where("sent_at", ">", since)
      .limit(1)
      .executeTakeFirst();
    if (recent)
      return `The customer was asked less than ${settings.minDaysBetweenSurveys} days ago.`;
  }
  return null;
}

/** The survey's approved template for this provider and language, its link as the parameter. */
function surveyTemplate(
  provider: ChannelProvider<unknown, unknown>,
  settings: TSurveySettings,
  language: "fr" | "en",
  url: string,
): ReplyTemplate | null {
  if (!hasTemplateCatalog(provider)) return null;
  const approved = settings.whatsappTemplate?.[language];
  return approved ? { name: approved.name, language: approved.language, variables: [url] } : null;
}

async function skipSurvey(trx: Kysely<DB>, resolution: Resolution, reason: string) {
  await trx
    .updateTable("resolutions")
    .set({ survey_status: "skipped", survey_reason: reason })
    .where("account_id", "=", resolution.account_id)
    .where("id", "=", resolution.id)
    .execute();
}
