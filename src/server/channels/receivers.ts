import type { Services } from "../services.ts";
import { smtpReceiver } from "./email/smtpReceiver.ts";
import { mastodonStreamReceiver } from "./mastodon/streamReceiver.ts";

/**
 * Long-running inbound listeners that serve every channel of a kind at once (the SMTP server for
 * email, streaming connections): started by worker processes, stopped on shutdown.
 */
export interface Receiver {
  name: string;
  start(services: Services): Promise<{ stop(): Promise<void> }>;
}

/** Every receiver, listed explicitly. */
export const receivers: readonly Receiver[] = [smtpReceiver, mastodonStreamReceiver];
