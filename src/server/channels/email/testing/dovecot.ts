import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";

const DOVECOT = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].find((path) => existsSync(path));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function idOf(name: string, flag: "-u" | "-g"): number | null {
  const result = spawnSync("id", [flag, name], { encoding: "utf8" });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

/**
 * A real Dovecot IMAP server (Debian's dovecot-imapd) on a free loopback port, configured in
 * a temporary folder: one user with a plain password, Maildir storage, no TLS. Run as root
 * (CI), its login and internal processes use Debian's dovenull and dovecot users and mail is
 * stored as nobody; run as anyone else, everything runs as that user.
 */
export async function startDovecot() {
  if (!DOVECOT) {
    throw new Error(
      "Dovecot is not installed, and the IMAP tests need a real IMAP server: " +
        "run `apt-get update && apt-get install -y dovecot-imapd` (Debian).",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "relais-dovecot-"));
  chmodSync(dir, 0o755);
  const mail = join(dir, "mail");
  mkdirSync(join(dir, "run"));
  mkdirSync(mail);
  const port = await freePort();
  const user = "relais";
  const pass = "imap-secret-42";
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const mailUid = root ? idOf("nobody", "-u") : me.uid;
  const mailGid = root ? idOf("nobody", "-g") : me.gid;
  if (mailUid === null || mailGid === null) throw new Error("no 'nobody' user to store mail as");
  if (root) chownSync(mail, mailUid, mailGid);
  writeFileSync(join(dir, "users"), `${user}:{PLAIN}${pass}::::::\n`, { mode: 0o644 });
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
instance_name = relais-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${root ? "dovecot" : me.username}
default_internal_group = ${root ? "dovecot" : spawnSync("id", ["-gn"], { encoding: "utf8" }).stdout.trim() || me.username}
default_login_user = ${root ? "dovenull" : me.username}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mail}/%u
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
  writeFileSync(join(dir, "dovecot.conf"), config);
  const log = () =>
    existsSync(join(dir, "dovecot.log")) ? readFileSync(join(dir, "dovecot.log"), "utf8") : "";

  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", join(dir, "dovecot.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Dovecot did not start: ${stderr}${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const connect = async () => {
    const client = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user, pass },
      logger: false,
    });
    await client.connect();
    return client;
  };

  return {
    port,
    log,
    imapUrl: (mailboxes = "INBOX") => `imap://${user}:${pass}@127.0.0.1:${port}/${mailboxes}`,
    /** An IMAP session of the test itself (to APPEND, create mailboxes, read flags). */
    async session<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
      const client = await connect();
      try {
        return await work(client);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
