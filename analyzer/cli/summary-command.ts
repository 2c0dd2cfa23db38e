// `friction summary`: one row per session (pages, clicks, errors, outcome) and corpus totals.
import Table from 'cli-table3';
import { existsSync } from 'node:fs';
import { readSessions } from '../sources/files';
import { buildSession, parseGoal } from '../replay';
import { InputError, UsageError } from './errors';

export async function runSummary(recordings: string[], options: { goal?: string; limit?: string }): Promise<string> {
  if (recordings.length === 0) throw new UsageError('no recordings given');
  for (const p of recordings) if (!existsSync(p)) throw new InputError(`cannot read ${p}: no such file or directory`);
  const goal = options.goal ? parseGoal(options.goal) : undefined;
  const limit = Number(options.limit ?? 20);
  const table = new Table({ head: ['session', 'pages', 'clicks', 'inputs', 'errors', 'duration', 'outcome'], style: { head: [], border: [] } });
  let sessions = 0;
  let converted = 0;
  let pages = 0;
  let clicks = 0;
  const dropOffs = new Map<string, number>();
  for await (const raw of readSessions(recordings)) {
    const session = buildSession(raw, goal);
    sessions++;
    pages += session.pages.length;
    const sessionClicks = session.interactions.filter((i) => i.kind === 'click').length;
    clicks += sessionClicks;
    if (session.outcome.converted) converted++;
    else dropOffs.set(session.outcome.lastPath ?? '?', (dropOffs.get(session.outcome.lastPath ?? '?') ?? 0) + 1);
    if (sessions <= limit) {
      table.push([
        session.id,
        session.pages.length,
        sessionClicks,
        session.interactions.filter((i) => i.kind === 'input').length,
        session.errors.length,
        `${((session.end - session.start) / 1000).toFixed(1)} s`,
        session.outcome.converted ? 'converted' : `left on ${session.outcome.lastPath ?? '?'}`,
      ]);
    }
  }
  const topDrops = [...dropOffs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([p, n]) => `${p} ${n}`).join(', ');
  const more = sessions > limit ? `\n... and ${sessions - limit} more sessions` : '';
  return (
    `${table.toString()}${more}\n` +
    `${sessions} sessions, ${pages} pages, ${clicks} clicks; ${converted} converted (${sessions ? ((converted / sessions) * 100).toFixed(1) : 0}%)` +
    (goal ? `; drop-offs: ${topDrops}` : '')
  );
}
