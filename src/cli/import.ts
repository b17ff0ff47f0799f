import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import type { OrderImportSummary, ProductImportSummary } from "../server/backoffice/importer.ts";
import { summaryLine, type TwcsSummary } from "../server/imports/twcs/importer.ts";
import { CliError, execute } from "./execute.ts";

async function readImportFile(file: string, allowJson: boolean) {
  const format = extname(file).toLowerCase() === ".json" ? "json" : "csv";
  if (format === "json" && !allowJson) throw new CliError("products are imported from CSV only");
  try {
    return { format, content: await readFile(file, "utf8") };
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function printRefused(refused: Array<{ line: number; reason: string }>) {
  for (const row of refused) console.log(`line ${row.line}: refused: ${row.reason}`);
}

export function importCommand(program: Command) {
  const command = program.command("import").description("Import data files into an account");
  command
    .command("twcs")
    .description(
      'Import the public "Customer Support on Twitter" CSV: threads, customers, companies as X channels',
    )
    .requiredOption("--account <slug>", "slug of the account to import into")
    .argument("<file>", "the CSV file (twcs.csv or a sample of it)")
    .action(async (file: string, options: { account: string }) => {
      const path = resolve(file);
      if (!existsSync(path)) throw new CliError(`No such file: ${file}`);
      const summary = (await execute("import.twcs", {
        account: options.account,
        file: path,
      })) as TwcsSummary;
      console.log(summaryLine(summary));
    });
  command
    .command("products")
    .description("Import products from CSV: sku,name,price,currency,stock,supplier,restock_date")
    .requiredOption("--account <slug>", "account slug")
    .argument("<file>", "the CSV file")
    .action(async (file: string, options: { account: string }) => {
      const summary = (await execute("import.products", {
        account: options.account,
        ...(await readImportFile(file, false)),
      })) as ProductImportSummary & { delayNotified?: number };
      printRefused(summary.refused);
      console.log(
        `products: ${summary.created} created, ${summary.updated} updated; ${summary.refused.length} rows refused`,
      );
      if (summary.delayNotified) {
        console.log(`restock later: ${summary.delayNotified} customers told their order is late`);
      }
    });
  command
    .command("orders")
    .description("Import orders from CSV (one row per line) or a JSON array; upsert by number")
    .requiredOption("--account <slug>", "account slug")
    .argument("<file>", "the CSV or JSON file")
    .action(async (file: string, options: { account: string }) => {
      const summary = (await execute("import.orders", {
        account: options.account,
        ...(await readImportFile(file, true)),
      })) as OrderImportSummary;
      printRefused(summary.refused);
      console.log(
        `orders: ${summary.created} created, ${summary.updated} updated; ${summary.lines} lines; ${summary.refused.length} rows refused`,
      );
    });
}
