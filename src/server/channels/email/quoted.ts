/**
 * Splits what the customer just wrote from what their mail program appended: the signature
 * and the quoted history. Nothing is thrown away: the caller keeps the full text for the web
 * app, which shows the new part and folds the rest.
 */
export interface SplitText {
  /** What is new in this message, without signature or quoted history. */
  text: string;
  signature: string | null;
  /** Quoted history (earlier messages), when found. */
  quoted: string | null;
}

/** "On Mon, … wrote:", "Le lun. … a écrit :", "Am … schrieb:", "El … escribió:". */
const ATTRIBUTION =
  /^(on|le|am|el|il|op)\s.{4,300}(wrote|a écrit|a ecrit|schrieb|escribió|ha scritto|schreef)\s*:\s*$/i;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|message d'origine|message original|ursprüngliche nachricht|forwarded message|message transféré)\s*-{2,}/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*\*?(from|de|von)\s*:\*?\s+\S/i;
const HEADER_SENT = /^\s*\*?(sent|envoyé|date|gesendet)\s*:\*?\s+\S/i;
const SIGNATURE_LINE =
  /^(--|sent from my .{2,40}|envoyé de mon .{2,40}|envoyé depuis .{2,40}|get outlook for .{2,30}|télécharger outlook pour .{2,30})\s*$/i;

function quoteStart(lines: readonly string[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    const joined = `${line} ${lines[index + 1] ?? ""}`.trim();
    if (ATTRIBUTION.test(line.trim())) return index;
    if (ATTRIBUTION.test(joined) && (lines[index + 2] ?? "").startsWith(">")) return index;
    if (ORIGINAL_MESSAGE.test(line) || OUTLOOK_RULE.test(line)) return index;
    if (
      HEADER_FROM.test(line) &&
      lines.slice(index + 1, index + 4).some((next) => HEADER_SENT.test(next))
    ) {
      return index;
    }
    if (
      line.startsWith(">") &&
      lines.slice(index).every((rest) => rest.trim() === "" || rest.startsWith(">"))
    )
      return index;
  }
  return lines.length;
}

export function splitQuoted(full: string): SplitText {
  const normalised = full.replace(/\r\n?/g, "\n");
  const lines = normalised.split("\n");
  const quoteAt = quoteStart(lines);
  let signatureAt = quoteAt;
  for (let index = 0; index < quoteAt; index += 1) {
    if (SIGNATURE_LINE.test((lines[index] ?? "").trimEnd())) {
      signatureAt = index;
      break;
    }
  }
  const text = lines.slice(0, signatureAt).join("\n").trim();
  if (text === "") return { text: normalised.trim(), signature: null, quoted: null };
  const signature = lines.slice(signatureAt, quoteAt).join("\n").trim();
  const quoted = lines.slice(quoteAt).join("\n").trim();
  return { text, signature: signature || null, quoted: quoted || null };
}
