// Latency at scale, over HTTP from a separate process, against a server started as `npm start`
// runs it (`DATABASE_URL=… npm start`) on a database filled by `relais demo --scale`:
//
//   DATABASE_URL=postgres://…/relais_scale npx relais demo --scale 1000000 --account scale
//   DATABASE_URL=postgres://…/relais_scale npm start            # in another terminal
//   DATABASE_URL=postgres://…/relais_scale npm run bench:scale -- --account scale [--url http://127.0.0.1:3000] [--requests 200]
//
// Each query is sent `--requests` times in turn (one client, warm cache: a warm-up round first),
// and the p50/p95/p99 of each query and of each group (inbox lists, counts, search, conversation,
// reports) are printed and written to bench/results/scale.json. The database is read here only to
// find ids to ask for (a channel, a team, an agent, a conversation with 50 messages) and tokens
// are made with `relais token create`; every measured request goes through HTTP.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    account: { type: "string", default: "scale" },
    url: { type: "string", default: "http://127.0.0.1:3000" },
    requests: { type: "string", default: "200" },
    "report-requests": { type: "string", default: "30" },
    "search-requests": { type: "string" },
    /** Groups to run, comma-separated (inbox, counts, search, conversation, reports). */
    /** Groups to run, comma-separated: inbox, counts, search, conversation, reports. */
    only: { type: "string" },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL names the database the server runs on");
const slug = values.account as string;
const base = values.url as string;
const requests = Number(values.requests);
const reportRequests = Number(values["report-requests"]);
const searchRequests = Number(values["search-requests"] ?? requests);

type Group = "inbox" | "counts" | "search" | "conversation" | "reports";
interface Query {
  group: Group;
  name: string;
  path: string;
  token: "agent" | "admin";
}

function token(email: string): string {
  return execFileSync(
    process.execPath,
    ["bin/relais.js", "token", "create", "--account", slug, "--email", email, "--name", "bench"],
    { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "warn" } },
  ).trim();
}

type Totals = "conversations" | "messages" | "contacts";

async function setup() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (text: string, params: unknown[]) => {
      const { rows } = await client.query(text, params);
      if (!rows[0]) throw new Error(`nothing found for: ${text}`);
      return rows[0] as Record<"id" | "email" | "last" | "n" | Totals, string>;
    };
    const account = await one("select id from accounts where slug = $1", [slug]);
    const id = account.id;
    // The agent with the most open conversations: "mine" is then a real list.
    const agent = await one(
      `select u.email from conversations c join users u on u.account_id = c.account_id and u.id = c.assignee_id
        where c.account_id = $1 and c.status = 'open' group by u.email order by count(*) desc limit 1`,
      [id],
    );
    const admin = await one(
      "select email from users where account_id = $1 and role = 'admin' order by created_at limit 1",
      [id],
    );
    const channel = await one(
      "select id from channels where account_id = $1 and kind = 'email' order by created_at limit 1",
      [id],
    );
    const team = await one("select id from teams where account_id = $1 and name = 'Livraisons'", [
      id,
    ]);
    const thread = await one(
      `select conversation_id as id, count(*) as n from messages where account_id = $1
        group by conversation_id having count(*) = 50 limit 1`,
      [id],
    );
    const contact = await one(
      "select split_part(name, ' ', 2) as last from contacts where account_id = $1 and name is not null limit 1",
      [id],
    );
    const totals = await one(
      "select (select count(*) from conversations where account_id = $1) as conversations, (select count(*) from messages where account_id = $1) as messages, (select count(*) from contacts where account_id = $1) as contacts",
      [id],
    );
    return {
      agent: agent.email,
      admin: admin.email,
      channel: channel.id,
      team: team.id,
      thread: thread.id,
      contact: contact.last,
      totals,
    };
  } finally {
    await client.end();
  }
}

function queries(ids: Awaited<ReturnType<typeof setup>>): Query[] {
  const inbox = (name: string, query: string, who: "agent" | "admin" = "agent"): Query => ({
    group: "inbox",
    name,
    path: `/api/v1/conversations?${query}`,
    token: who,
  });
  const search = (name: string, q: string): Query => ({
    group: "search",
    name,
    path: `/api/v1/conversations?status=open,pending,snoozed,resolved&sort=recent&q=${encodeURIComponent(q)}`,
    token: "agent",
  });
  const to = new Date().toISOString();
  const from30 = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const from365 = new Date(Date.now() - 365 * 86_400_000).toISOString();
  return [
    inbox("mine (open)", "status=open&assigneeId=me"),
    inbox("unassigned (open)", "status=open&assigneeId=none"),
    inbox("all open, waiting longest", "status=open&sort=waiting_oldest"),
    inbox("all open, newest", "status=open"),
    inbox("pending", "status=pending"),
    inbox("snoozed", "status=snoozed"),
    inbox("resolved, last activity", "status=resolved&sort=recent"),
    inbox("all statuses, last activity", "status=open,pending,snoozed,resolved&sort=recent"),
    inbox("channel (email), open", `status=open&channelId=${ids.channel}`),
    inbox("channel (email), resolved", `status=resolved&channelId=${ids.channel}&sort=recent`),
    inbox("team (Livraisons), open", `status=open&teamId=${ids.team}`),
    inbox("category delivery.late, open", "status=open&category=delivery.late"),
    inbox("category billing, resolved", "status=resolved&category=billing&sort=recent"),
    inbox("open, nearest SLA due", "status=open&sort=sla_due"),
    inbox("SLA breached", "status=open&sla=breached"),
    {
      group: "counts",
      name: "inbox counts (mine, unassigned, all, teams)",
      path: "/api/v1/conversations/counts",
      token: "agent",
    },
    search("FR common: colis", "colis"),
    search("FR common: remboursement", "remboursement"),
    search("FR rare: infrarouge", "infrarouge"),
    search("EN common: refund", "refund"),
    search("EN common: parcel", "parcel"),
    search("EN rare: firmware", "firmware"),
    {
      group: "search",
      name: "contacts: last name",
      path: `/api/v1/contacts?q=${encodeURIComponent(ids.contact)}`,
      token: "agent",
    },
    {
      group: "search",
      name: "contacts: email fragment",
      path: "/api/v1/contacts?q=example.fr",
      token: "agent",
    },
    {
      group: "conversation",
      name: "conversation (50 messages): header",
      path: `/api/v1/conversations/${ids.thread}`,
      token: "agent",
    },
    {
      group: "conversation",
      name: "conversation (50 messages): messages",
      path: `/api/v1/conversations/${ids.thread}/messages`,
      token: "agent",
    },
    {
      group: "reports",
      name: "overview, 30 days",
      path: `/api/v1/reports/overview?from=${from30}&to=${to}`,
      token: "admin",
    },
    {
      group: "reports",
      name: "overview, 365 days",
      path: `/api/v1/reports/overview?from=${from365}&to=${to}`,
      token: "admin",
    },
    {
      group: "reports",
      name: "SLA, 30 days",
      path: `/api/v1/reports/sla?from=${from30}&to=${to}`,
      token: "admin",
    },
    {
      group: "reports",
      name: "promises, 30 days",
      path: `/api/v1/reports/promises?from=${from30}&to=${to}`,
      token: "admin",
    },
  ];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] as number) * 10) / 10;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

async function timed(
  path: string,
  bearer: string,
): Promise<{ ms: number; status: number; size: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, size: body.byteLength };
}

async function main() {
  const ids = await setup();
  const tokens = { agent: token(ids.agent), admin: token(ids.admin) };
  const only = values.only?.split(",");
  const all = queries(ids).filter((query) => !only || only.includes(query.group));
  const results: Array<Query & ReturnType<typeof summary> & { bytes: number }> = [];
  const byGroup = new Map<Group, number[]>();
  for (const query of all) {
    const first = await timed(query.path, tokens[query.token]);
    if (first.status !== 200)
      throw new Error(`${query.name}: HTTP ${first.status} for ${query.path}`);
    const times: number[] = [];
    const rounds =
      query.group === "reports"
        ? reportRequests
        : query.group === "search"
          ? searchRequests
          : requests;
    for (let i = 0; i < rounds; i++) {
      const result = await timed(query.path, tokens[query.token]);
      if (result.status !== 200) throw new Error(`${query.name}: HTTP ${result.status}`);
      times.push(result.ms);
    }
    const line = { ...query, ...summary(times), bytes: first.size };
    results.push(line);
    byGroup.set(query.group, [...(byGroup.get(query.group) ?? []), ...times]);
    console.log(
      `${query.group.padEnd(12)} ${query.name.padEnd(46)} p50 ${line.p50} ms  p95 ${line.p95} ms  p99 ${line.p99} ms`,
    );
  }
  const groups = Object.fromEntries([...byGroup].map(([group, times]) => [group, summary(times)]));
  console.log("\nby group:");
  for (const [group, figures] of Object.entries(groups)) {
    console.log(
      `${group.padEnd(12)} n ${figures.n}  p50 ${figures.p50} ms  p95 ${figures.p95} ms  p99 ${figures.p99} ms`,
    );
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverage: loadavg() },
    account: slug,
    totals: ids.totals,
    requestsPerQuery: requests,
    requestsPerReport: reportRequests,
    requestsPerSearch: searchRequests,
    groups,
    queries: results.map(({ token: _token, ...rest }) => rest),
  };
  mkdirSync(new URL("results/", import.meta.url), { recursive: true });
  const file = only ? `results/scale-${only.join("-")}.json` : "results/scale.json";
  writeFileSync(new URL(file, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
}

await main();
