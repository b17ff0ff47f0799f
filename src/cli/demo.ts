import type { Command } from "commander";
import { CliError, execute } from "./execute.ts";

interface DemoResult {
  account: string;
  url: string;
  conversations: number;
  signIn: { email: string; password: string };
  agents: string[];
}

interface ScaleResult extends DemoResult {
  generated: { conversations: number; messages: number; contacts: number };
  seconds: number;
}

function wholeNumber(flag: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new CliError(`${flag} takes a whole number, not "${value}"`);
    return Number(value);
  };
}

export function demoCommand(program: Command) {
  program
    .command("demo")
    .description("Fill a demo account with realistic conversations in French and English")
    .option("--account <slug>", "slug of the demo account", "demo")
    .option(
      "--scale <conversations>",
      "generate this many conversations in all (about 5 messages each) for load tests",
      wholeNumber("--scale"),
    )
    .option(
      "--seed <n>",
      "seed of the generated data (same seed, same data)",
      wholeNumber("--seed"),
    )
    .action(async (options: { account: string; scale?: number; seed?: number }) => {
      if (options.scale !== undefined) {
        const result = (await execute(
          "demo.scale",
          { account: options.account, scale: options.scale, seed: options.seed ?? 1 },
          { plainProgress: true },
        )) as ScaleResult;
        const { generated, seconds } = result;
        console.log(
          `Demo account "${result.account}" ready with ${result.conversations} conversations: ` +
            `${generated.conversations} generated with ${generated.messages} messages and ` +
            `${generated.contacts} contacts in ${seconds} s ` +
            `(${Math.round(generated.conversations / Math.max(seconds, 0.1))} conversations/s).`,
        );
        console.log(`Sign in at ${result.url} with:`);
        console.log(`  email:    ${result.signIn.email}`);
        console.log(`  password: ${result.signIn.password}`);
        return;
      }
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
