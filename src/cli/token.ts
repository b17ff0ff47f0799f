import type { Command } from "commander";
import { execute } from "./execute.ts";

export function tokenCommand(program: Command) {
  const token = program.command("token").description("Manage personal API tokens");
  token
    .command("create")
    .description("Create an API token for an agent and print it")
    .requiredOption("--account <slug>", "account slug")
    .requiredOption("--email <email>", "the agent's email")
    .option("--name <name>", "what the token is for", "cli")
    .action(async (options: { account: string; email: string; name: string }) => {
      const result = (await execute("token.create", options)) as { token: string };
      console.log(result.token);
    });
}
