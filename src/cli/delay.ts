import type { Command } from "commander";
import type { TDelay } from "../shared/backoffice.ts";
import { execute } from "./execute.ts";

export function delayCommand(program: Command) {
  program
    .command("delay")
    .description("Tell every customer with an undelivered order of a SKU that it will be late")
    .requiredOption("--account <slug>", "account slug")
    .requiredOption("--sku <sku>", "the product that is late")
    .requiredOption("--until <date>", "the new expected delivery date (YYYY-MM-DD)")
    .requiredOption("--reason <text>", "why, in a few words (sent to customers)")
    .action(async (options: { account: string; sku: string; until: string; reason: string }) => {
      const delay = (await execute("delay", options)) as TDelay;
      for (const skip of delay.skipped) {
        console.log(`order ${skip.orderNumber}: skipped: ${skip.reason}`);
      }
      console.log(
        `delay: ${delay.affectedOrders} affected orders; ${delay.notified} customers notified; ${delay.skipped.length} skipped`,
      );
    });
}
