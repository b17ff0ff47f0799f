/**
 * Polls `check` until it returns a truthy value or the time is up. `message` may be a function,
 * called only on failure, to describe the state at that moment.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    message?: string | (() => string | Promise<string>);
  } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
  const message =
    typeof options.message === "function"
      ? await Promise.resolve()
          .then(options.message)
          .catch((error: unknown) => `condition not met (and no description: ${String(error)})`)
      : options.message;
  throw new Error(
    `${message ?? "condition not met"} within ${options.timeoutMs ?? 10_000} ms${last ? `: ${String(last)}` : ""}`,
  );
}
