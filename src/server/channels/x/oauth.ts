import { createHmac, randomBytes } from "node:crypto";

/** OAuth 1.0a user context: the app's consumer key and secret, the brand account's token. */
export interface OAuthCredentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

/** RFC 3986 percent-encoding, which OAuth 1.0a requires (RFC 5849 §3.6). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The HMAC-SHA1 signature of a request (X's "Creating a signature"): the method, the base URL
 * (no query) and every parameter — query, form body and oauth_* — percent-encoded, sorted by key
 * then value, joined; signed with "<consumer secret>&<token secret>". JSON bodies are not
 * parameters and are not signed.
 */
export function oauthSignature(
  method: string,
  url: string,
  params: ReadonlyArray<readonly [string, string]>,
  consumerSecret: string,
  tokenSecret: string,
): string {
  const parsed = new URL(url);
  // URL lowercases the scheme and host and drops a default port, as the base URL must.
  const baseUrl = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  const all = [...parsed.searchParams.entries(), ...params].map(
    ([key, value]) => [percentEncode(key), percentEncode(value)] as const,
  );
  all.sort(([ka, va], [kb, vb]) => (ka === kb ? compare(va, vb) : compare(ka, kb)));
  const parameterString = all.map(([key, value]) => `${key}=${value}`).join("&");
  const base = [method.toUpperCase(), percentEncode(baseUrl), percentEncode(parameterString)].join(
    "&",
  );
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac("sha1", key).update(base).digest("base64");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `Authorization: OAuth …` header for one request. */
export function oauthHeader(
  credentials: OAuthCredentials,
  method: string,
  url: string,
  options: { formParams?: Record<string, string>; nonce?: string; timestamp?: number } = {},
): string {
  const oauth: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: options.nonce ?? randomBytes(24).toString("base64url"),
    oauth_signature_method: "HMAC-SHA1",
    oauth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: credentials.accessToken,
    oauth_version: "1.0",
  };
  const params = [...Object.entries(oauth), ...Object.entries(options.formParams ?? {})];
  oauth.oauth_signature = oauthSignature(
    method,
    url,
    params,
    credentials.consumerSecret,
    credentials.accessTokenSecret,
  );
  const fields = Object.keys(oauth)
    .sort()
    .map((key) => `${percentEncode(key)}="${percentEncode(oauth[key] ?? "")}"`);
  return `OAuth ${fields.join(", ")}`;
}
