import type { TSurveyQuestions } from "../../shared/surveys.ts";
import type { SurveyQuestion } from "./message.ts";

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const PAGE_STRINGS = {
  fr: {
    title: "Votre avis",
    send: "Envoyer",
    recorded: "Votre note est enregistrée",
    answered: "Vous avez déjà répondu à cette enquête. Merci !",
    expired: "Cette enquête n'est plus ouverte.",
    notFound: "Cette enquête est introuvable.",
  },
  en: {
    title: "Your feedback",
    send: "Send",
    recorded: "Your score is recorded",
    answered: "You have already answered this survey. Thank you!",
    expired: "This survey is no longer open.",
    notFound: "This survey cannot be found.",
  },
} as const;

export type PageLanguage = keyof typeof PAGE_STRINGS;
export type PageNotice = "answered" | "expired" | "notFound";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1b1e;line-height:1.5}
fieldset{border:1px solid #ced4da;border-radius:8px;margin:0 0 1.25rem;padding:1rem}
legend{font-weight:600;padding:0 .25rem}.scale{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.scale label{display:inline-flex;flex-direction:column;align-items:center;min-width:2.5rem;padding:.4rem;border:1px solid #adb5bd;border-radius:6px;cursor:pointer}
.scale input:focus-visible+span{outline:3px solid #1c7ed6}.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#495057}
textarea{width:100%;min-height:5rem;font:inherit;box-sizing:border-box}button{font:inherit;padding:.5rem 1.25rem;background:#1864ab;color:#fff;border:0;border-radius:6px;cursor:pointer}
.notice{background:#e7f5ff;border-radius:6px;padding:.75rem 1rem}`;

function layout(language: PageLanguage, body: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${PAGE_STRINGS[language].title}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** A page that only says something: answered already, expired, not found, or thanks. */
export function noticePage(language: PageLanguage, notice: PageNotice | { text: string }): string {
  const text = typeof notice === "string" ? PAGE_STRINGS[language][notice] : notice.text;
  return layout(
    language,
    `<h1>${PAGE_STRINGS[language].title}</h1><p class="notice" role="status">${escapeHtml(text)}</p>`,
  );
}

function scale(question: SurveyQuestion, chosen: number | null): string {
  const options = question.links
    .map(
      ({ score }) =>
        `<label><input type="radio" name="${question.kind}" value="${score}"${score === chosen ? " checked" : ""} required><span>${score}</span></label>`,
    )
    .join("");
  return `<fieldset><legend>${escapeHtml(question.text)}</legend><div class="scale">${options}</div><div class="ends" aria-hidden="true"><span>1 — ${escapeHtml(question.low)}</span><span>${question.max} — ${escapeHtml(question.high)}</span></div></fieldset>`;
}

/**
 * The survey page: a plain form (no script) with each question's scale, a comment, and a
 * note of the score just recorded by a one-click link, which the form may still change.
 */
export function surveyPage(props: {
  language: PageLanguage;
  action: string;
  intro: string;
  questions: SurveyQuestion[];
  wording: TSurveyQuestions;
  scores: { ces: number | null; csat: number | null };
  recorded: boolean;
}): string {
  const strings = PAGE_STRINGS[props.language];
  const notice = props.recorded ? `<p class="notice" role="status">${strings.recorded}.</p>` : "";
  const fields = props.questions
    .map((question) => scale(question, props.scores[question.kind]))
    .join("");
  return layout(
    props.language,
    `<h1>${strings.title}</h1>${notice}<p>${escapeHtml(props.intro)}</p><form method="post" action="${escapeHtml(props.action)}">${fields}<p><label for="comment">${escapeHtml(props.wording.comment)}</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p><button type="submit">${strings.send}</button></form>`,
  );
}
