import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const VERSION = "v1";

/**
 * Encrypts channel credentials at rest with AES-256-GCM. The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url, so a future key rotation can tell versions apart.
 */
export interface SecretBox {
  seal(value: unknown): string;
  open<T>(sealed: string): T;
  /**
   * HMAC-SHA256 of `payload` (base64url) under a key derived from the secret key for `purpose`
   * alone (HKDF), so a signature made for one use (download links) means nothing for another.
   */
  sign(purpose: string, payload: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("RELAIS_SECRET_KEY must be 32 bytes (base64-encoded).");
  const signingKeys = new Map<string, Buffer>();
  const signingKey = (purpose: string) => {
    let derived = signingKeys.get(purpose);
    if (!derived) {
      derived = Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), `relais:${purpose}`, 32));
      signingKeys.set(purpose, derived);
    }
    return derived;
  };
  return {
    sign(purpose, payload) {
      return createHmac("sha256", signingKey(purpose)).update(payload).digest("base64url");
    },
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url"));
      return [VERSION, ...parts].join(".");
    },
    open<T>(sealed: string): T {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || !body) throw new Error("Unreadable secret.");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, "base64url")),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString("utf8")) as T;
    },
  };
}

/**
 * The key comes from RELAIS_SECRET_KEY; when absent, a key is generated once into the data folder
 * (readable by its owner only) so that a first `npm start` needs no setup.
 */
export function resolveSecretKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, "base64");
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return key;
}
