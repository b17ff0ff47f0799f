import { z } from "zod";
import { ZInstant } from "../../shared/instant.ts";
import { validationFailed } from "../errors.ts";

/** Opaque pagination cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** Any cursor that is not one we wrote — garbage, wrong shape, absurd values — answers 400. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw validationFailed("The cursor is not valid; start again from the first page.");
  }
}

const ZCursorId = z.uuid();

/** A numeric sort key (finite, in PostgreSQL's float8 range) and the row id. */
export const ZKeyCursor = z.tuple([z.number().finite(), ZCursorId]);
/** A row's timestamp and id, for lists ordered by time. */
export const ZTimeCursor = z.tuple([ZInstant, ZCursorId]);
