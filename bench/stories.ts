// How long anonymising a long conversation takes (src/server/stories/anonymise.ts), the work a
// "Mark as story" request does besides its queries: a French conversation of 200 messages,
// with and without phone numbers (libphonenumber reads each text for FR, US and GB), in an
// account of 52 agents whose names are all looked for.
//
//   npx tsx bench/stories.ts
import { cpus, loadavg } from "node:os";
import { anonymise } from "../src/server/stories/anonymise.ts";

const RUNS = 5;
const people = [
  { kind: "customer" as const, key: "c", names: ["Marie-Hélène Dupont"] },
  { kind: "agent" as const, key: "j", names: ["Julie Martin"] },
  ...Array.from({ length: 50 }, (_, i) => ({
    kind: "agent" as const,
    key: `u${i}`,
    names: [`Agent${String.fromCharCode(65 + (i % 26))} Nom${i}`],
  })),
];
const texts = {
  "with phone numbers":
    "Bonjour Julie, ma commande 48213 au 12 rue des Lilas, 75011 Paris. 06 12 34 56 78 ou mh.dupont@exemple.fr.\nCordialement,\nMarie",
  "without phone numbers":
    "Bonjour Julie, ma commande 48213 au 12 rue des Lilas, 75011 Paris. Écrivez à mh.dupont@exemple.fr.\nCordialement,\nMarie",
};
process.stdout.write(`${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}\n`);
for (const [label, text] of Object.entries(texts)) {
  const input = {
    locale: "fr" as const,
    people,
    handles: ["@mh_dupont75"],
    orderNumbers: ["CMD-88412"],
    messages: Array.from({ length: 200 }, (_, i) => ({
      from: i % 2 ? { kind: "agent" as const, key: "j" } : { kind: "customer" as const, key: "c" },
      text,
    })),
  };
  anonymise(input);
  const start = performance.now();
  for (let run = 0; run < RUNS; run++) anonymise(input);
  const ms = (performance.now() - start) / RUNS;
  process.stdout.write(`${label}: ${ms.toFixed(0)} ms per 200-message story\n`);
}
