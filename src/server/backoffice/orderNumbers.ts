/**
 * Order numbers as customers write them, in French and English: « commande 48213 »,
 * « n° 48213 », « commande n°48213 », "order #48213", "my order 48213", "order number A-1042".
 * A candidate holds at least one digit; only numbers the account has are linked.
 */
const MENTION =
  /(?:\bcommande|\border|\bn[°º]|\bno\.|\bnum[ée]ro|#)\s*(?:(?:n[°º]|no\.?|num[ée]ro|number|de commande|#|:)\s*)*([A-Za-z0-9][A-Za-z0-9-]*\d[A-Za-z0-9-]*)/giu;

export function orderNumberCandidates(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(MENTION)) {
      const number = match[1]?.replace(/-+$/, "");
      if (number) found.add(number);
    }
  }
  return [...found].slice(0, 50);
}
