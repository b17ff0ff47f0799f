/** "Camille Roux" → "CR"; an address or handle → its first letter. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? "")
    .replace(/[@+_.-]/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((word) => Array.from(word ?? "")[0]?.toUpperCase() ?? "").join("") || "?";
}

/** A stable colour per person, so the same customer looks the same everywhere. */
const COLORS = ["blue", "teal", "grape", "orange", "cyan", "pink", "lime", "violet", "indigo"];

export function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? "blue";
}
