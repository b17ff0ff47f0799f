/**
 * PostgreSQL stores no U+0000 in text or JSON: a NUL that reaches a query fails it (500 on the
 * web, 451 to a mail sender, endless retries from a webhook provider). What customers and
 * clients send is therefore cleaned once where it enters — request bodies and queries (app.ts),
 * what providers' parsers return (inboundIngester) — and the rest is kept.
 */
export function withoutNul<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === "string")
    return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
  if (Array.isArray(value)) return value.map(clean);
  if (value === null || typeof value !== "object") return value;
  // Dates, Buffers and other class instances carry no customer text to clean; plain objects
  // and the null-prototype ones query-string parsers make do.
  const prototype = Object.getPrototypeOf(value);
  const plain = prototype === null || Object.getPrototypeOf(prototype) === null;
  if (!plain) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[clean(key) as string] = clean(item);
  return result;
}
