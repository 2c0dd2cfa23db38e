// `friction simulate` drives the user's own app, which must already be running: check that its start page
// answers before a browser is launched, and say what to do when it does not.

export class AppUnreachableError extends Error {
  readonly exitCode = 1;
}

/** Time to wait for the start page to answer before calling the app unreachable. */
export const REACHABILITY_TIMEOUT_MS = 5000;

/** Resolves when `url` answers with any HTTP status (an error page is the run's to report); throws otherwise. */
export async function checkAppReachable(url: string, timeoutMs = REACHABILITY_TIMEOUT_MS): Promise<void> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new AppUnreachableError(`cannot reach ${url} (${why}): start your app first, or pass --url with the address it runs at`);
  }
}
