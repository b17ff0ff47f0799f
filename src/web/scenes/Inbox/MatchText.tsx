import type { TSearchMatch } from "../../../shared/schemas.ts";

/**
 * The message a search found, its matched words in <mark>: the server sends plain text and
 * character ranges, and each piece is a React text node — nothing the customer wrote is markup.
 */
export function MatchText({ match }: { match: TSearchMatch }) {
  const pieces: Array<{ text: string; marked: boolean; at: number }> = [];
  let at = 0;
  for (const { start, end } of match.highlights) {
    if (start < at || end <= start) continue;
    if (start > at) pieces.push({ text: match.text.slice(at, start), marked: false, at });
    pieces.push({ text: match.text.slice(start, end), marked: true, at: start });
    at = end;
  }
  if (at < match.text.length) pieces.push({ text: match.text.slice(at), marked: false, at });
  return (
    <span className="rl-match" data-testid="search-match">
      {pieces.map((piece) =>
        piece.marked ? (
          <mark key={piece.at}>{piece.text}</mark>
        ) : (
          <span key={piece.at}>{piece.text}</span>
        ),
      )}
    </span>
  );
}
