import { demoDataDeleter } from "../../../commands/demoDataDeleter.ts";
import { countDemo, demoIds } from "../../../models/demoRecords.ts";
import { authorize } from "../../../policies/index.ts";
import { presentDemoCounts } from "../../../presenters/demo.ts";
import { defineRoute } from "../../route.ts";
import { ZDemoData, ZDemoDeleted } from "./schema.ts";

const tags = ["Account"];

/** What the demo put in the account, and "Delete demo data" (admins). */
export const accountDemoRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/account/demo",
    summary: "What demo data is still in the account, counted (admins)",
    tags,
    auth: "user",
    response: ZDemoData,
    async handle({ services, actor }) {
      authorize(actor, "account.demo.read");
      const counts = presentDemoCounts(countDemo(await demoIds(services.db, actor.accountId)));
      return { data: { present: Object.values(counts).some((n) => n > 0), counts } };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/account/demo",
    summary:
      "Delete what demo data created (its conversations, customers, channels, rules, canned replies, teams and agents) and nothing the team made; audited (admins); 404 when there is none",
    tags,
    auth: "user",
    response: ZDemoDeleted,
    async handle({ services, actor }) {
      authorize(actor, "account.demo.delete");
      const deleted = await demoDataDeleter(services.db, { actor });
      return { data: { deleted: presentDemoCounts(deleted) } };
    },
  }),
];
