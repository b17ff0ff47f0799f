/** Machine-readable results on stdout; messages for people go to stderr. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
