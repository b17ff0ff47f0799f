/**
 * Writes a CSV in the twcs format ("Customer Support on Twitter": the real 2.8 M-tweet file is
 * not on this machine): threads of a customer tweet, company answers and customer follow-ups,
 * some companies writing first, some replies to tweets absent from the file, and the several
 * ids of `response_tweet_id`. Deterministic for a given size and seed.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";

const COMPANIES = ["AppleSupport", "AmazonHelp", "Uber_Support", "SpotifyCares", "Delta", "Tesco"];
const ASKS = [
  "my parcel never arrived, order %n, where is it?",
  "the delivery is late again, it was due on Monday",
  "the box arrived damaged and the screen is cracked",
  "my phone won't charge since the update, it's broken",
  "how do I reset my password? the app keeps asking",
  "I was charged twice for the same order %n",
  "you should add a dark mode, it would be great",
  "thanks, great service today!",
  "mon colis n'est jamais arrivé, commande %n",
  "la livraison a encore du retard, c'est inadmissible",
];
const ANSWERS = [
  "Sorry to hear that! Can you send us a DM with your order number?",
  "We're looking into it and will get back to you shortly.",
  "Thanks for reaching out, we've passed this on to the team.",
  "Désolés pour ce retard, pouvez-vous nous écrire en privé ?",
];

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

export function twitterDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * Writes about `tweets` rows to `file`, threads starting from `start` and spread over `spanDays`
 * days; returns how many it wrote.
 */
export async function writeTwcsFile(
  file: string,
  tweets: number,
  options: { seed?: number; start?: Date; spanDays?: number } = {},
): Promise<number> {
  const seed = options.seed ?? 7;
  const gap = ((options.spanDays ?? 30) * 86_400_000) / Math.max(1, tweets / 2.6);
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  await write(
    "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n",
  );
  let id = 1;
  let written = 0;
  let clock = (options.start ?? new Date("2017-10-01T00:00:00Z")).getTime();
  while (written < tweets) {
    const company = pick(COMPANIES);
    const customer = String(100_000 + Math.floor(next() * tweets));
    clock += Math.floor(next() * 2 * gap);
    const thread: Array<{
      id: number;
      author: string;
      inbound: boolean;
      at: number;
      text: string;
      parent: number | null;
    }> = [];
    const companyFirst = next() < 0.05;
    const absentParent = next() < 0.05 ? 9_000_000_000 + id : null;
    let at = clock;
    if (companyFirst) {
      thread.push({
        id: id++,
        author: company,
        inbound: false,
        at,
        text: `@${customer} ${pick(ANSWERS)}`,
        parent: absentParent,
      });
      at += Math.floor(next() * 600_000);
    }
    thread.push({
      id: id++,
      author: customer,
      inbound: true,
      at,
      text: `@${company} ${pick(ASKS).replace("%n", String(100_000 + id))}`,
      parent: thread[0]?.id ?? absentParent,
    });
    const turns = Math.floor(next() * 4);
    for (let turn = 0; turn < turns; turn += 1) {
      at += Math.floor(next() * 7_200_000);
      const inbound = turn % 2 === 1;
      const parent = thread[thread.length - 1]?.id ?? null;
      thread.push({
        id: id++,
        author: inbound ? customer : company,
        inbound,
        at,
        text: inbound
          ? `@${company} ${pick(ASKS).replace("%n", String(id))}`
          : `@${customer} ${pick(ANSWERS)}`,
        parent,
      });
    }
    const responses = new Map<number, number[]>();
    for (const tweet of thread) {
      if (tweet.parent !== null)
        responses.set(tweet.parent, [...(responses.get(tweet.parent) ?? []), tweet.id]);
    }
    for (const tweet of thread) {
      await write(
        `${tweet.id},${tweet.author},${tweet.inbound ? "True" : "False"},${twitterDate(tweet.at)},${quote(tweet.text)},${quote((responses.get(tweet.id) ?? []).join(","))},${tweet.parent ?? ""}\n`,
      );
      written += 1;
    }
  }
  out.end();
  await once(out, "finish");
  return written;
}
