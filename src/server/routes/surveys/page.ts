import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SurveyKind } from "../../../shared/surveys.ts";
import type { Resolution } from "../../db/schema/surveys.ts";
import { publicUrl } from "../../env.ts";
import { isAppError } from "../../errors.ts";
import type { Services } from "../../services.ts";
import {
  findSurveyByToken,
  type SurveyAnswer,
  surveyAnswerRecorder,
  surveyExpired,
} from "../../surveys/answers.ts";
import { surveyQuestions } from "../../surveys/message.ts";
import { noticePage, type PageLanguage, surveyPage } from "../../surveys/page.ts";
import { loadSurveySettings } from "../../surveys/settings.ts";

const score = (max: number) => z.coerce.number().int().min(1).max(max);
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** `POST /s/<token>`: a form or JSON `{"ces", "csat", "comment"}`. */
const ZSurveyAnswer = z.object({
  ces: z.preprocess(blankToUndefined, score(7).optional()),
  csat: z.preprocess(blankToUndefined, score(5).optional()),
  comment: z.string().max(2000).optional(),
});
/** `GET /s/<token>?ces=6`: the one-click link of a score. */
const ZOneClick = z.object({
  ces: score(7).optional(),
  csat: score(5).optional(),
});

function pageLanguage(request: FastifyRequest, resolution: Resolution | null): PageLanguage {
  if (resolution?.survey_language === "fr" || resolution?.survey_language === "en") {
    return resolution.survey_language;
  }
  return String(request.headers["accept-language"] ?? "").startsWith("fr") ? "fr" : "en";
}

const wantsJson = (request: FastifyRequest) =>
  String(request.headers["content-type"] ?? "").includes("application/json");

/**
 * The public survey page, `/s/<token>`: server-rendered in the customer's language, usable
 * without JavaScript; each token records one answer, for 30 days.
 */
export async function surveyPagePlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  const html = (reply: FastifyReply, status: number, page: string) =>
    reply
      .status(status)
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header("x-robots-tag", "noindex")
      .send(page);

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    resolution: Resolution,
    recorded: boolean,
  ) {
    const language = pageLanguage(request, resolution);
    const settings = await loadSurveySettings(services.db, resolution.account_id);
    const token = (request.params as { token: string }).token;
    const url = `${publicUrl(services.env)}/s/${token}`;
    const ask = { ...settings, ask: resolution.survey_ask as SurveyKind[] };
    return html(
      reply,
      200,
      surveyPage({
        language,
        action: `/s/${token}`,
        intro: settings.questions[language].intro,
        questions: surveyQuestions(ask, language, url),
        wording: settings.questions[language],
        scores: { ces: resolution.ces, csat: resolution.csat },
        recorded,
      }),
    );
  }

  const refusal = (reply: FastifyReply, language: PageLanguage, resolution: Resolution) =>
    resolution.survey_status === "answered"
      ? html(reply, 409, noticePage(language, "answered"))
      : html(reply, 410, noticePage(language, "expired"));

  app.get("/s/:token", async (request, reply) => {
    const { token } = request.params as { token: string };
    const resolution = await findSurveyByToken(services.db, token);
    const language = pageLanguage(request, resolution);
    if (!resolution) return html(reply, 404, noticePage(language, "notFound"));
    if (resolution.survey_status !== "sent" || surveyExpired(resolution)) {
      return refusal(reply, language, resolution);
    }
    const click = ZOneClick.safeParse(request.query);
    const answer = click.success ? click.data : {};
    if (answer.ces === undefined && answer.csat === undefined) {
      return render(request, reply, resolution, false);
    }
    const updated = await surveyAnswerRecorder(services.db, {
      accountId: resolution.account_id,
      resolutionId: resolution.id,
      answer,
      source: "link",
      close: false,
    });
    if (updated.survey_status === "answered") {
      const settings = await loadSurveySettings(services.db, resolution.account_id);
      return html(reply, 200, noticePage(language, { text: settings.questions[language].thanks }));
    }
    return render(request, reply, updated, true);
  });

  app.post("/s/:token", async (request, reply) => {
    const { token } = request.params as { token: string };
    const json = wantsJson(request);
    const resolution = await findSurveyByToken(services.db, token);
    const language = pageLanguage(request, resolution);
    const fail = (status: number, id: string, message: string) =>
      json
        ? reply.status(status).send({ error: { id, message } })
        : html(reply, status, noticePage(language, { text: message }));
    if (!resolution) return fail(404, "not_found", "Survey not found.");
    const parsed = ZSurveyAnswer.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        400,
        "validation_failed",
        `Invalid field "${issue?.path.join(".")}": ${issue?.message}`,
      );
    }
    const answer: SurveyAnswer = parsed.data;
    if (answer.ces === undefined && answer.csat === undefined && !answer.comment?.trim()) {
      return fail(400, "validation_failed", "Give a score (ces or csat) or a comment.");
    }
    try {
      const updated = await surveyAnswerRecorder(services.db, {
        accountId: resolution.account_id,
        resolutionId: resolution.id,
        answer,
        source: "page",
        close: true,
      });
      if (json) {
        return reply.send({
          data: {
            ces: updated.ces,
            csat: updated.csat,
            comment: updated.comment,
            answeredAt: updated.answered_at?.toISOString() ?? null,
          },
        });
      }
      const settings = await loadSurveySettings(services.db, resolution.account_id);
      return html(reply, 200, noticePage(language, { text: settings.questions[language].thanks }));
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (!json) return refusal(reply, language, resolution);
      return fail(error.status, error.id, error.message);
    }
  });
}
