import type { Kysely } from "kysely";
import type { RuleTrigger, TRuleAction, TRuleCondition } from "../../../shared/rules.ts";
import type { DB } from "../../db/schema.ts";
import { recordEvent } from "../../events/outbox.ts";
import type { DemoContext, DemoSection } from "./context.ts";

const CANNED_REPLIES = [
  {
    shortcut: "suivi-colis",
    title: "Suivi de colis",
    body_fr:
      "Bonjour {{contact.name | Madame, Monsieur}},\n\nMerci pour votre message au sujet de votre commande. Nous vérifions dès maintenant le suivi de votre colis auprès du transporteur et revenons vers vous aujourd'hui avec une réponse précise.\n\nBien cordialement,\n{{agent.name}}",
    body_en:
      "Hello {{contact.name | there}},\n\nThank you for getting in touch about your order. We are checking your parcel's tracking with the carrier right now and will come back to you today with a clear answer.\n\nKind regards,\n{{agent.name}}",
  },
  {
    shortcut: "remboursement",
    title: "Remboursement en cours",
    body_fr:
      "Bonjour {{contact.name | Madame, Monsieur}},\n\nVotre remboursement (dossier n° {{conversation.number}}) est en cours : il apparaîtra sur votre compte sous 5 à 10 jours ouvrés selon votre banque. Nous vous écrirons dès qu'il sera effectué.\n\nBien cordialement,\n{{agent.name}}",
    body_en:
      "Hello {{contact.name | there}},\n\nYour refund (case #{{conversation.number}}) is on its way: it will reach your account within 5 to 10 business days, depending on your bank. We will write to you as soon as it has gone through.\n\nKind regards,\n{{agent.name}}",
  },
];

interface DemoRule {
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  conditions: TRuleCondition[];
  actions: TRuleAction[];
}

function demoRules(context: DemoContext, trackingReplyId: string): DemoRule[] {
  return [
    {
      name: "Publication publique négative → urgente et alerte",
      enabled: true,
      trigger: "conversation.triaged",
      conditions: [
        { type: "visibility", is: "public", negate: false },
        { type: "sentiment", in: ["negative"], negate: false },
      ],
      actions: [
        { type: "set_priority", priority: "urgent" },
        {
          type: "notify",
          text: "Publication publique négative de {{contact.name | un client}} (n° {{conversation.number}})",
          userIds: [],
        },
      ],
    },
    {
      name: "Livraison → équipe Livraisons",
      enabled: true,
      trigger: "conversation.triaged",
      conditions: [{ type: "category", in: ["delivery.*"], negate: false }],
      actions: [{ type: "assign_team", teamId: context.teams.delivery }],
    },
    {
      name: "Remboursement demandé → étiquette",
      enabled: true,
      trigger: "message.received",
      conditions: [
        { type: "text_contains", any: ["rembourse", "refund", "money back"], negate: false },
      ],
      actions: [{ type: "add_label", label: "remboursement" }],
    },
    {
      // Off in the demo: the demo shop's channel has nowhere to deliver replies.
      name: "Colis en retard → réponse « Suivi de colis »",
      enabled: false,
      trigger: "conversation.triaged",
      conditions: [{ type: "category", in: ["delivery.late", "delivery.missing"], negate: false }],
      actions: [{ type: "reply", cannedReplyId: trackingReplyId }],
    },
  ];
}

async function cannedReplyId(db: Kysely<DB>, accountId: string, shortcut: string) {
  const row = await db
    .selectFrom("canned_replies")
    .select("id")
    .where("account_id", "=", accountId)
    .where("shortcut", "=", shortcut)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Canned replies in French and English, a few rules, and automatic assignment: deliveries go
 * round-robin, technical support by capacity (five open conversations per agent).
 */
export const rulesDemo: DemoSection = {
  name: "Règles et réponses types",
  async run(services, context) {
    const { db } = services;
    const { accountId } = context;
    for (const reply of CANNED_REPLIES) {
      await db
        .insertInto("canned_replies")
        .values({ account_id: accountId, ...reply })
        .onConflict((oc) => oc.columns(["account_id", "shortcut"]).doNothing())
        .execute();
    }
    const tracking = await cannedReplyId(db, accountId, "suivi-colis");
    for (const [position, rule] of demoRules(context, tracking).entries()) {
      const existing = await db
        .selectFrom("rules")
        .select("id")
        .where("account_id", "=", accountId)
        .where("name", "=", rule.name)
        .executeTakeFirst();
      if (existing) continue;
      await db
        .insertInto("rules")
        .values({
          account_id: accountId,
          name: rule.name,
          enabled: rule.enabled,
          position,
          trigger: rule.trigger,
          conditions: JSON.stringify(rule.conditions),
          actions: JSON.stringify(rule.actions),
        })
        .execute();
    }
    const modes = [
      { teamId: context.teams.delivery, assignment: "round_robin" as const, max: null },
      { teamId: context.teams.tech, assignment: "capacity" as const, max: 5 },
    ];
    for (const mode of modes) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("teams")
          .set({ assignment: mode.assignment, max_open_per_agent: mode.max })
          .where("account_id", "=", accountId)
          .where("id", "=", mode.teamId)
          .execute();
        await recordEvent(trx, {
          accountId,
          name: "team.updated",
          payload: { teamId: mode.teamId, changes: ["assignment"] },
        });
      });
    }
    return 0;
  },
};
