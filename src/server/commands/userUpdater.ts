import type { Actor } from "../auth/actor.ts";
import { assertSignInAllowed, recordFailedSignIn } from "../auth/signInThrottle.ts";
import { hashPassword, verifyPassword } from "../crypto/passwords.ts";
import type { User } from "../db/schema.ts";
import { AppError, forbidden, unprocessable } from "../errors.ts";
import { updateOwned } from "../models/owned.ts";
import { shutOutUser } from "../models/users.ts";
import type { Services } from "../services.ts";
import { changeRecorder } from "./changeRecorder.ts";

export interface UserChanges {
  name?: string;
  role?: User["role"];
  locale?: User["locale"];
  timeZone?: string | null;
  available?: boolean;
  disabled?: boolean;
  password?: string;
  currentPassword?: string;
  signature?: string | null;
}

export interface UserUpdaterProps {
  actor: Actor;
  user: User;
  changes: UserChanges;
  /** The client's address, for the sign-in limit a wrong current password counts against. */
  clientIp: string;
}

/**
 * Changes a user. A new password shuts out whoever else holds the old one: one's own change
 * asks the current password, and either way every other session ends and every API token is
 * revoked. Disabling does the same, and enabling again brings none of them back.
 */
export async function userUpdater(services: Services, props: UserUpdaterProps): Promise<User> {
  const { actor, user, changes } = props;
  const adminOnly = changes.role !== undefined || changes.disabled !== undefined;
  if (adminOnly && actor.role !== "admin") throw forbidden("Only an admin can change roles.");
  if (adminOnly && user.id === actor.userId) {
    throw unprocessable("self_change", "You cannot change your own role or disable yourself.");
  }
  const self = user.id === actor.userId;
  if (changes.password && self) await checkCurrentPassword(services, props);
  const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
  const { password: _password, currentPassword: _current, ...shown } = changes;
  return changeRecorder(services.db, {
    actor,
    action: "user.update",
    subjectType: "user",
    async write(trx) {
      const updated = await updateOwned(trx, "users", actor.accountId, user.id, {
        name: changes.name,
        role: changes.role,
        locale: changes.locale,
        time_zone: changes.timeZone,
        available: changes.available,
        // An empty signature means none.
        signature: changes.signature === undefined ? undefined : changes.signature || null,
        password_hash: passwordHash,
        disabled_at:
          changes.disabled === undefined ? undefined : changes.disabled ? new Date() : null,
      });
      if (changes.disabled) await shutOutUser(trx, actor.accountId, user.id);
      if (passwordHash) {
        await shutOutUser(trx, actor.accountId, user.id, self ? actor.sessionId : undefined);
      }
      return updated;
    },
    data: () => ({ ...shown, password: changes.password ? "[changed]" : undefined }),
    event: () => ({
      name: "user.updated",
      payload: {
        userId: user.id,
        changes: Object.keys(changes).filter((key) => key !== "currentPassword"),
      },
    }),
  });
}

/** One's own new password needs the current one, checked like a sign-in (and limited alike). */
async function checkCurrentPassword(services: Services, props: UserUpdaterProps): Promise<void> {
  const { user, changes, clientIp } = props;
  if (!changes.currentPassword) {
    throw unprocessable(
      "current_password_required",
      "Give your current password to choose a new one.",
    );
  }
  await assertSignInAllowed(services, clientIp, user.email);
  if (!(await verifyPassword(user.password_hash, changes.currentPassword))) {
    await recordFailedSignIn(services, clientIp, user.email);
    throw new AppError(403, "wrong_password", "Your current password is not right.");
  }
}
