import { assertSignInAllowed, recordFailedSignIn } from "../auth/signInThrottle.ts";
import { verifyDecoy, verifyPassword } from "../crypto/passwords.ts";
import { AppError } from "../errors.ts";
import { findSignInCandidates } from "../models/users.ts";
import type { Services } from "../services.ts";

export interface SignInVerifierProps {
  email: string;
  password: string;
  /** The account's slug, when the email exists in several. */
  account?: string;
  /** The client's address, which the sign-in limit counts by (with the email). */
  clientIp: string;
}

/**
 * The user these credentials name, within the sign-in limit: a wrong email or password counts
 * against it and answers 401 (an unknown email takes as long as a wrong password); an email
 * whose password matches in several accounts answers 409 until the account is named.
 */
export async function signInVerifier(services: Services, props: SignInVerifierProps) {
  const { email, password, clientIp } = props;
  await assertSignInAllowed(services, clientIp, email);
  const refuse = async () => {
    await recordFailedSignIn(services, clientIp, email);
    return new AppError(401, "invalid_credentials", "Wrong email or password.");
  };
  const candidates = await findSignInCandidates(services.db, email, props.account);
  if (candidates.length === 0) {
    await verifyDecoy(password);
    throw await refuse();
  }
  const matching = [];
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.password_hash, password)) matching.push(candidate);
  }
  const user = matching[0];
  if (!user) throw await refuse();
  if (matching.length > 1) {
    throw new AppError(
      409,
      "account_required",
      `This email belongs to several accounts (${matching.map((m) => m.slug).join(", ")}); say which with "account".`,
    );
  }
  return { accountId: user.account_id, userId: user.id, role: user.role };
}
