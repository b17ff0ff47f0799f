/** Remembers, across the redirect to the sign-in page, that the session ran out by itself. */
const KEY = "relais.sessionExpired";

export function markSessionExpired(): void {
  window.sessionStorage.setItem(KEY, "1");
}

export function sessionExpired(): boolean {
  return window.sessionStorage.getItem(KEY) === "1";
}

export function clearSessionExpired(): void {
  window.sessionStorage.removeItem(KEY);
}
