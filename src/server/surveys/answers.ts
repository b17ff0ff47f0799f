import type { Kysely } from "kysely";
import type { SurveyKind } from "../../shared/surveys.ts";
import { parseToken } from "../crypto/tokens.ts";
import type { Resolution } from "../db/schema/surveys.ts";
import type { DB } from "../db/schema.ts";
import { AppError, conflict } from "../errors.ts";
import { type EventInput, recordEvents } from "../events/outbox.ts";
import { SURVEY_TOKEN_PREFIX } from "./asker.ts";
import { LOW_SCORE_CHANGE, lowScores } from "./lowScore.ts";
import { parseSurveyReply } from "./replies.ts";
import { loadSurveySettings } from "./settings.ts";

export interface SurveyAnswer {
  ces?: number;
  csat?: number;
  comment?: string;
}

export type AnswerSource = "page" | "link" | "reply";

/** The survey a public token names: its account's resolution, or null (unknown or malformed). */
export async function findSurveyByToken(db: Kysely<DB>, token: string): Promise<Resolution | null> {
  const parsed = parseToken(SURVEY_TOKEN_PREFIX, token);
  if (!parsed) return null;
  return (
    (await db
      .selectFrom("resolutions")
      .selectAll()
      .where("account_id", "=", parsed.accountId)
      .where("token_hash", "=", parsed.secretHash)
      .executeTakeFirst()) ?? null
  );
}

export const surveyExpired = (resolution: Resolution, now = new Date()) =>
  !resolution.expires_at || resolution.expires_at <= now;

/**
 * Records (part of) a customer's answer. A survey is answered once: the page's form closes it
 * (one use per token), as does the last of its scores; until then a one-click link or a reply
 * may fill in a score. An answer to a closed or expired survey is refused (409, 410). A low
 * score notifies the team's supervisors (or all supervisors when it has no team).
 */
export async function surveyAnswerRecorder(
  db: Kysely<DB>,
  props: {
    accountId: string;
    resolutionId: string;
    answer: SurveyAnswer;
    source: AnswerSource;
    /** The customer is done (the page's form): the token is used up. */
    close: boolean;
    now?: Date;
  },
): Promise<Resolution> {
  const now = props.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const resolution = await trx
      .selectFrom("resolutions")
      .selectAll()
      .where("account_id", "=", props.accountId)
      .where("id", "=", props.resolutionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (resolution.survey_status === "answered") {
      throw conflict("survey_answered", "This survey has already been answered. Thank you!");
    }
    if (resolution.survey_status !== "sent" || surveyExpired(resolution, now)) {
      throw new AppError(410, "survey_expired", "This survey is no longer open.");
    }
    return saveAnswer(trx, resolution, props.answer, props.source, props.close, now);
  });
}

async function saveAnswer(
  trx: Kysely<DB>,
  resolution: Resolution,
  answer: SurveyAnswer,
  source: AnswerSource,
  close: boolean,
  now: Date,
): Promise<Resolution> {
  const ces = answer.ces ?? resolution.ces;
  const csat = answer.csat ?? resolution.csat;
  const complete = resolution.survey_ask.every((kind) => (kind === "ces" ? ces : csat) !== null);
  const updated = await trx
    .updateTable("resolutions")
    .set({
      ces,
      csat,
      comment: answer.comment?.trim() ? answer.comment.trim().slice(0, 2000) : resolution.comment,
      answered_at: resolution.answered_at ?? now,
      answer_source: resolution.answer_source ?? source,
      survey_status: close || complete ? "answered" : "sent",
    })
    .where("account_id", "=", resolution.account_id)
    .where("id", "=", resolution.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const { lowScore } = await loadSurveySettings(trx, resolution.account_id);
  const scores = lowScores(answer, lowScore);
  const events: EventInput[] = [
    {
      accountId: resolution.account_id,
      name: "conversation.updated",
      payload: {
        conversationId: resolution.conversation_id,
        changes: scores ? ["survey", LOW_SCORE_CHANGE] : ["survey"],
      },
    },
  ];
  if (scores) events.push(await lowScoreNotice(trx, updated, scores));
  await recordEvents(trx, events);
  return updated;
}

/** A notification for the team's supervisors (its leads) of an answer's low scores. */
async function lowScoreNotice(
  trx: Kysely<DB>,
  resolution: Resolution,
  scores: string,
): Promise<EventInput> {
  let leads = trx
    .selectFrom("users")
    .select("users.id")
    .where("users.account_id", "=", resolution.account_id)
    .where("users.role", "in", ["supervisor", "admin"])
    .where("users.disabled_at", "is", null);
  if (resolution.team_id) {
    const teamId = resolution.team_id;
    leads = leads.where((eb) =>
      eb.exists(
        eb
          .selectFrom("team_members")
          .select("team_members.user_id")
          .whereRef("team_members.account_id", "=", "users.account_id")
          .whereRef("team_members.user_id", "=", "users.id")
          .where("team_members.team_id", "=", teamId),
      ),
    );
  }
  const userIds = (await leads.execute()).map((user) => user.id);
  return {
    accountId: resolution.account_id,
    name: "notification.created",
    payload: {
      conversationId: resolution.conversation_id,
      teamId: resolution.team_id ?? undefined,
      userIds,
      changes: ["survey.low_score"],
      notificationKind: "survey_low_score",
      params: { scores },
    },
  };
}

/**
 * A customer's message in a conversation whose survey waits: when it reads as a score ("6",
 * "👍", "très facile"), it answers the first question still open. Runs in the ingester's
 * transaction; returns whether the message was an answer (the conversation then stays resolved).
 */
export async function surveyReplyRecorder(
  trx: Kysely<DB>,
  props: { accountId: string; conversationId: string; text: string; now?: Date },
): Promise<boolean> {
  const now = props.now ?? new Date();
  const resolution = await trx
    .selectFrom("resolutions")
    .selectAll()
    .where("account_id", "=", props.accountId)
    .where("conversation_id", "=", props.conversationId)
    .where("survey_status", "=", "sent")
    .where("expires_at", ">", now)
    .orderBy("resolved_at", "desc")
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!resolution) return false;
  const kind = resolution.survey_ask.find(
    (asked) => (asked === "ces" ? resolution.ces : resolution.csat) === null,
  ) as SurveyKind | undefined;
  if (!kind) return false;
  const score = parseSurveyReply(props.text, kind);
  if (score === null) return false;
  await saveAnswer(trx, resolution, { [kind]: score }, "reply", false, now);
  return true;
}
