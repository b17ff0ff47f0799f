import { Readable } from "node:stream";

/** Spreadsheets read UTF-8 only when the file starts with a byte-order mark. */
export const BOM = "\uFEFF";

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV stream: the BOM, one header row, then one line per row (CRLF, RFC 4180). */
export function csvStream(
  columns: ReadonlyArray<string>,
  rows: Iterable<Record<string, string | number | null>>,
): Readable {
  return Readable.from(
    (function* () {
      yield `${BOM}${columns.map(csvCell).join(",")}\r\n`;
      for (const row of rows)
        yield `${columns.map((column) => csvCell(row[column])).join(",")}\r\n`;
    })(),
  );
}
