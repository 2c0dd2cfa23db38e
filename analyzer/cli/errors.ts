// Errors the CLI reports as a message and an exit code, never as a stack trace.
export class UsageError extends Error {
  readonly exitCode = 2;
}

export class InputError extends Error {
  readonly exitCode = 1;
}
