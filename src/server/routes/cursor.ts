import { z } from "zod";
import { validationFailed } from "../errors.ts";

/** Opaque pagination cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw validationFailed("The cursor is not valid; start again from the first page.");
  }
}

export const ZKeyCursor = z.tuple([z.number(), z.string()]);
