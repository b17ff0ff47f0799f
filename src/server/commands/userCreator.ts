import { type Kysely, sql } from "kysely";
import type { Locale, Role } from "../../shared/enums.ts";
import { hashPassword } from "../crypto/passwords.ts";
import type { DB, User } from "../db/schema.ts";
import { conflict } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";

export interface UserCreatorProps {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  password?: string | null;
  locale?: Locale | null;
  timeZone?: string | null;
  actorUserId?: string | null;
}

/** Adds an agent to an account; the password is stored as an argon2id hash only. */
export async function userCreator(db: Kysely<DB>, props: UserCreatorProps): Promise<User> {
  const passwordHash = props.password ? await hashPassword(props.password) : null;
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("users")
      .select("id")
      .where("account_id", "=", props.accountId)
      .where(sql`lower(email)`, "=", props.email.toLowerCase())
      .executeTakeFirst();
    if (taken)
      throw conflict("user_exists", `A user with the email ${props.email} already exists.`);
    const user = await trx
      .insertInto("users")
      .values({
        account_id: props.accountId,
        email: props.email.trim(),
        name: props.name.trim(),
        role: props.role,
        password_hash: passwordHash,
        locale: props.locale ?? null,
        time_zone: props.timeZone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "user.created",
      payload: { userId: user.id },
      actorUserId: props.actorUserId,
    });
    await recordAudit(trx, {
      accountId: props.accountId,
      actorUserId: props.actorUserId ?? null,
      action: "user.create",
      subjectType: "user",
      subjectId: user.id,
      data: { email: user.email, role: user.role },
    });
    return user;
  });
}
