import en from "./en.json" with { type: "json" };
import acknowledgementsEn from "./features/acknowledgements.en.json" with { type: "json" };
import acknowledgementsFr from "./features/acknowledgements.fr.json" with { type: "json" };
import agentAlertsEn from "./features/agentAlerts.en.json" with { type: "json" };
import agentAlertsFr from "./features/agentAlerts.fr.json" with { type: "json" };
import agentExperienceEn from "./features/agentExperience.en.json" with { type: "json" };
import agentExperienceFr from "./features/agentExperience.fr.json" with { type: "json" };
import agentIdentityEn from "./features/agentIdentity.en.json" with { type: "json" };
import agentIdentityFr from "./features/agentIdentity.fr.json" with { type: "json" };
import agentWorkEn from "./features/agentWork.en.json" with { type: "json" };
import agentWorkFr from "./features/agentWork.fr.json" with { type: "json" };
import backofficeEn from "./features/backoffice.en.json" with { type: "json" };
import backofficeFr from "./features/backoffice.fr.json" with { type: "json" };
import customerEn from "./features/customer.en.json" with { type: "json" };
import customerFr from "./features/customer.fr.json" with { type: "json" };
import emailQuarantineEn from "./features/emailQuarantine.en.json" with { type: "json" };
import emailQuarantineFr from "./features/emailQuarantine.fr.json" with { type: "json" };
import helpEn from "./features/help.en.json" with { type: "json" };
import helpFr from "./features/help.fr.json" with { type: "json" };
import ideasEn from "./features/ideas.en.json" with { type: "json" };
import ideasFr from "./features/ideas.fr.json" with { type: "json" };
import inboundMediaEn from "./features/inboundMedia.en.json" with { type: "json" };
import inboundMediaFr from "./features/inboundMedia.fr.json" with { type: "json" };
import listeningEn from "./features/listening.en.json" with { type: "json" };
import listeningFr from "./features/listening.fr.json" with { type: "json" };
import reportsEn from "./features/reports.en.json" with { type: "json" };
import reportsFr from "./features/reports.fr.json" with { type: "json" };
import slaEn from "./features/sla.en.json" with { type: "json" };
import slaFr from "./features/sla.fr.json" with { type: "json" };
import storiesEn from "./features/stories.en.json" with { type: "json" };
import storiesFr from "./features/stories.fr.json" with { type: "json" };
import surveysEn from "./features/surveys.en.json" with { type: "json" };
import surveysFr from "./features/surveys.fr.json" with { type: "json" };
import waitingWorkEn from "./features/waitingWork.en.json" with { type: "json" };
import waitingWorkFr from "./features/waitingWork.fr.json" with { type: "json" };
import fr from "./fr.json" with { type: "json" };

export type Tree = { [key: string]: string | Tree };

/**
 * A feature's strings live in `features/<feature>.en.json` and `features/<feature>.fr.json`, each
 * holding its own top-level namespaces, so that features grow without all editing one file.
 * List each pair here; a namespace defined twice is a mistake and stops the app at start.
 */
const features: ReadonlyArray<{ name: string; en: Tree; fr: Tree }> = [
  { name: "waitingWork", en: waitingWorkEn, fr: waitingWorkFr },
  { name: "emailQuarantine", en: emailQuarantineEn, fr: emailQuarantineFr },
  { name: "inboundMedia", en: inboundMediaEn, fr: inboundMediaFr },
  { name: "surveys", en: surveysEn, fr: surveysFr },
  { name: "reports", en: reportsEn, fr: reportsFr },
  { name: "sla", en: slaEn, fr: slaFr },
  { name: "backoffice", en: backofficeEn, fr: backofficeFr },
  { name: "customer", en: customerEn, fr: customerFr },
  { name: "acknowledgements", en: acknowledgementsEn, fr: acknowledgementsFr },
  { name: "agentExperience", en: agentExperienceEn, fr: agentExperienceFr },
  { name: "agentWork", en: agentWorkEn, fr: agentWorkFr },
  { name: "agentAlerts", en: agentAlertsEn, fr: agentAlertsFr },
  { name: "ideas", en: ideasEn, fr: ideasFr },
  { name: "stories", en: storiesEn, fr: storiesFr },
  { name: "help", en: helpEn, fr: helpFr },
  { name: "agentIdentity", en: agentIdentityEn, fr: agentIdentityFr },
  { name: "listening", en: listeningEn, fr: listeningFr },
];

function combine(base: Tree, parts: ReadonlyArray<{ name: string; tree: Tree }>): Tree {
  const out: Tree = { ...base };
  for (const { name, tree } of parts) {
    for (const [key, value] of Object.entries(tree)) {
      if (key in out) throw new Error(`i18n: namespace "${key}" of ${name} is already defined`);
      out[key] = value;
    }
  }
  return out;
}

/** Every string of the web app, per language: the core files plus each feature's. */
export const resources: { en: Tree; fr: Tree } = {
  en: combine(
    en as Tree,
    features.map((feature) => ({ name: feature.name, tree: feature.en })),
  ),
  fr: combine(
    fr as Tree,
    features.map((feature) => ({ name: feature.name, tree: feature.fr })),
  ),
};
