import type { Command } from "commander";
import { ROLES } from "../shared/enums.ts";
import { CliError, execute } from "./execute.ts";
import { printJson } from "./print.ts";

export function userCommand(program: Command) {
  const user = program.command("user").description("Manage agents");
  user
    .command("create")
    .description("Create an agent (and the account, if it does not exist yet)")
    .requiredOption("--account <slug>", "account slug")
    .requiredOption("--email <email>", "the agent's email")
    .requiredOption("--password <password>", "at least 10 characters")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--name <name>", "display name")
    .action(
      async (options: {
        account: string;
        email: string;
        password: string;
        role: string;
        name?: string;
      }) => {
        if (!(ROLES as readonly string[]).includes(options.role)) {
          throw new CliError(`--role must be one of ${ROLES.join(", ")} (got "${options.role}")`);
        }
        printJson(await execute("user.create", options));
      },
    );
}
