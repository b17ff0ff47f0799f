import type { Command } from "commander";
import { providerFor, registeredKinds, storeKinds } from "../server/channels/registry.ts";
import { hasWebhookRegistrar } from "../server/channels/webhookRegistration.ts";
import { CliError, execute } from "./execute.ts";
import { printJson } from "./print.ts";

/** One attribute name per flag, as commander derives it ("--outbound-url" → outboundUrl). */
function attribute(flag: string): string {
  const name = flag.split(/[ ,]/)[0]?.replace(/^--/, "") ?? "";
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export function channelCommand(program: Command) {
  const channel = program.command("channel").description("Manage channels");
  const add = channel
    .command("add")
    .description("Add a channel; prints JSON with its id (and webhookUrl)");
  for (const kind of [...registeredKinds(), ...storeKinds()]) {
    const provider = providerFor(kind);
    const command = add
      .command(kind)
      .description(`Add a ${kind} channel`)
      .requiredOption("--account <slug>", "account slug")
      .option("--name <name>", "channel name", kind);
    for (const option of provider.cliOptions ?? []) {
      if (option.required) command.requiredOption(option.flag, option.description);
      else command.option(option.flag, option.description);
    }
    const registers = hasWebhookRegistrar(provider);
    if (registers) {
      command.option(
        "--register-webhook",
        "register the webhook with the provider now (needs RELAIS_PUBLIC_URL, reachable by it)",
      );
    }
    command.action(async (options: Record<string, string | boolean | undefined>) => {
      const config: Record<string, unknown> = {};
      const secrets: Record<string, unknown> = {};
      for (const option of provider.cliOptions ?? []) {
        const raw = options[attribute(option.flag)];
        if (typeof raw !== "string") continue;
        const value = option.type === "number" ? Number(raw) : raw;
        if (option.type === "number" && !Number.isFinite(value)) {
          throw new CliError(`${option.flag.split(" ")[0]} must be a number (got "${raw}")`);
        }
        (option.into === "config" ? config : secrets)[option.key] = value;
      }
      const result = await execute("channel.add", {
        kind,
        account: options.account,
        name: options.name,
        config,
        secrets,
        ...(registers && options.registerWebhook === true ? { registerWebhook: true } : {}),
      });
      printJson(result);
      // The channel exists (its id is printed); only the registration failed: say why, exit 1.
      const registration = (result as { webhookRegistration?: { error?: string } })
        .webhookRegistration;
      if (registration?.error) {
        process.stderr.write(`The webhook was not registered: ${registration.error}\n`);
        process.exitCode = 1;
      }
    });
  }
}
