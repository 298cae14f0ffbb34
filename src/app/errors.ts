// Errors the app layer raises on purpose; the API maps them to HTTP statuses and the CLI to exit
// codes. Their messages are written for billers and never include member data.

export type AppErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'too_large';

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
