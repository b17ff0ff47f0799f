import type { Category } from "./categories.ts";
import { contentStems } from "./features.ts";

// Agents' corrections, remembered as they were: a later message that says nearly the same
// thing (Jaccard similarity of stemmed unigrams and bigrams ≥ MATCH_THRESHOLD) gets the
// corrected category, whatever the statistical model thinks.

export const MATCH_THRESHOLD = 0.5;

interface Remembered {
  signature: ReadonlySet<string>;
  category: Category;
}

function signature(text: string, language: string): Set<string> {
  const stems = contentStems(text, language);
  const keys = new Set<string>(stems);
  for (let i = 1; i < stems.length; i += 1) keys.add(`${stems[i - 1]}_${stems[i]}`);
  return keys;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const key of a) if (b.has(key)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export class CorrectionMemory {
  private readonly entries: Remembered[] = [];
  /** stem → indexes of the entries that contain it, so a lookup reads only candidates. */
  private readonly index = new Map<string, number[]>();

  get size(): number {
    return this.entries.length;
  }

  add(text: string, language: string, category: Category): void {
    const keys = signature(text, language);
    if (keys.size === 0) return;
    const position = this.entries.length;
    this.entries.push({ signature: keys, category });
    for (const key of keys) this.index.set(key, [...(this.index.get(key) ?? []), position]);
  }

  /** The most similar correction above the threshold; the latest wins a tie. */
  match(text: string, language: string): { category: Category; similarity: number } | undefined {
    const keys = signature(text, language);
    const candidates = new Set<number>();
    for (const key of keys)
      for (const position of this.index.get(key) ?? []) candidates.add(position);
    let best: { category: Category; similarity: number } | undefined;
    for (const position of candidates) {
      const entry = this.entries[position]!;
      const similarity = jaccard(keys, entry.signature);
      if (similarity >= MATCH_THRESHOLD && similarity >= (best?.similarity ?? 0)) {
        best = { category: entry.category, similarity };
      }
    }
    return best;
  }
}
