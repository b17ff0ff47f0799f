/**
 * A handful of error factories. Each maps to an HTTP status and a stable id; the message is safe
 * to show to users; the original cause is kept for the logs.
 */
export class AppError extends Error {
  readonly status: number;
  readonly id: string;

  constructor(status: number, id: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.id = id;
  }
}

export const badRequest = (id: string, message: string, cause?: unknown) =>
  new AppError(400, id, message, { cause });

export const validationFailed = (message: string, cause?: unknown) =>
  new AppError(400, "validation_failed", message, { cause });

export const unauthorized = (message = "Sign in to continue.") =>
  new AppError(401, "unauthorized", message);

export const forbidden = (message = "You are not allowed to do this.") =>
  new AppError(403, "forbidden", message);

export const notFound = (resource: string) =>
  new AppError(404, "not_found", `${resource} not found.`);

export const conflict = (id: string, message: string) => new AppError(409, id, message);

export const unprocessable = (id: string, message: string, cause?: unknown) =>
  new AppError(422, id, message, { cause });

export const tooManyRequests = (message = "Too many attempts. Try again later.") =>
  new AppError(429, "rate_limited", message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
