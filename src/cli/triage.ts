import type { Command } from "commander";

export function triageCommand(program: Command) {
  program
    .command("triage")
    .description(
      "Triage lines from stdin (text or JSON with a text field): one JSON result per line",
    )
    .action(async () => {
      const { triageLines } = await import("../server/triage/stream.ts");
      await triageLines(process.stdin, process.stdout);
    });
}
