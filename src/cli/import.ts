import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { summaryLine, type TwcsSummary } from "../server/imports/twcs/importer.ts";
import { CliError, execute } from "./execute.ts";

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
}
