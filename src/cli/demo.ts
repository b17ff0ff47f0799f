import type { Command } from "commander";
import { execute } from "./execute.ts";

interface DemoResult {
  account: string;
  url: string;
  conversations: number;
  signIn: { email: string; password: string };
  agents: string[];
}

export function demoCommand(program: Command) {
  program
    .command("demo")
    .description("Fill a demo account with realistic conversations in French and English")
    .option("--account <slug>", "slug of the demo account", "demo")
    .action(async (options: { account: string }) => {
      const result = (await execute("demo", { account: options.account })) as DemoResult;
      console.log(
        `Demo account "${result.account}" ready with ${result.conversations} conversations.`,
      );
      console.log(`Sign in at ${result.url} with:`);
      console.log(`  email:    ${result.signIn.email}`);
      console.log(`  password: ${result.signIn.password}`);
      console.log(`Other agents (same password): ${result.agents.join(", ")}`);
    });
}
