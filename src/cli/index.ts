import { Command, CommanderError } from "commander";
import { channelCommand } from "./channel.ts";
import { delayCommand } from "./delay.ts";
import { demoCommand } from "./demo.ts";
import { CliError } from "./execute.ts";
import { importCommand } from "./import.ts";
import { migrateCommand } from "./migrate.ts";
import { serveCommand } from "./serve.ts";
import { tokenCommand } from "./token.ts";
import { triageCommand } from "./triage.ts";
import { userCommand } from "./user.ts";

const program = new Command()
  .name("relais")
  .description("Relais — one inbox for every channel your customers use.")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

for (const register of [
  serveCommand,
  migrateCommand,
  demoCommand,
  userCommand,
  tokenCommand,
  channelCommand,
  triageCommand,
  importCommand,
  delayCommand,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof CliError) {
    console.error(`relais: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error("relais: unexpected failure:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
