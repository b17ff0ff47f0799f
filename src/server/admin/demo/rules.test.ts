import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../../test/support/relais.ts";
import { ZRuleCreateRequest } from "../../../shared/rules.ts";
import { checkRuleReferences } from "../../rules/validate.ts";
import type { Services } from "../../services.ts";
import { fillDemo } from "./index.ts";

describe("demo rules and canned replies", { timeout: 180_000 }, () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  }, 180_000);
  afterAll(async () => {
    await closeServices(services);
  });

  it("adds valid rules, bilingual canned replies and automatic assignment, once", async () => {
    const { account, user } = await createAccount(services);
    const fill = () =>
      fillDemo(services, { accountId: account.id, adminId: user.id, progress: () => {} });
    await fill();
    const rules = await services.db
      .selectFrom("rules")
      .selectAll()
      .where("account_id", "=", account.id)
      .orderBy("position")
      .execute();
    expect(rules.map((rule) => rule.name)).toContain("Livraison → équipe Livraisons");
    for (const rule of rules) {
      // What the demo stores passes the API's own validation.
      const parsed = ZRuleCreateRequest.parse({
        name: rule.name,
        trigger: rule.trigger,
        conditions: rule.conditions,
        actions: rule.actions,
      });
      await checkRuleReferences(services.db, account.id, parsed);
    }
    const replies = await services.db
      .selectFrom("canned_replies")
      .selectAll()
      .where("account_id", "=", account.id)
      .orderBy("shortcut")
      .execute();
    expect(replies.map((reply) => reply.title)).toEqual([
      "Remboursement en cours",
      "Suivi de colis",
    ]);
    expect(replies.every((reply) => reply.body_fr && reply.body_en)).toBe(true);
    const teams = await services.db
      .selectFrom("teams")
      .select(["name", "assignment", "max_open_per_agent"])
      .where("account_id", "=", account.id)
      .orderBy("name")
      .execute();
    expect(teams).toContainEqual({
      name: "Livraisons",
      assignment: "round_robin",
      max_open_per_agent: null,
    });
    expect(teams).toContainEqual({
      name: "Support technique",
      assignment: "capacity",
      max_open_per_agent: 5,
    });

    // Filling again adds nothing twice.
    await fill();
    const again = await services.db
      .selectFrom("rules")
      .select("id")
      .where("account_id", "=", account.id)
      .execute();
    expect(again).toHaveLength(rules.length);
  });
});
