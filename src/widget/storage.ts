/** What the widget keeps in the visitor's browser, per channel (private browsing: memory only). */
const memory = new Map<string, string>();

function key(channelId: string, name: string): string {
  return `relais:${channelId}:${name}`;
}

export function load<T>(channelId: string, name: string, fallback: T): T {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(key(channelId, name));
  } catch {
    raw = memory.get(key(channelId, name)) ?? null;
  }
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function save(channelId: string, name: string, value: unknown): void {
  const raw = JSON.stringify(value);
  try {
    localStorage.setItem(key(channelId, name), raw);
  } catch {
    memory.set(key(channelId, name), raw);
  }
}
