// Chromium processes started by this test process, and the ones still alive after a browser was closed: the
// simulate tests assert that no run leaves a browser behind.
import { execFileSync } from 'node:child_process';

/** Chromium processes descended from this test process (Playwright spawns the browser as our child). */
export function ownChromiumPids(): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = table.split('\n').map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)).filter((m): m is RegExpExecArray => m !== null);
  const children = new Map<number, number[]>();
  for (const [, pid, ppid] of rows) children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(pid)]);
  const args = new Map(rows.map(([, pid, , cmd]) => [Number(pid), cmd]));
  const out: number[] = [];
  const stack = [process.pid];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (/chrom/i.test(args.get(child) ?? '')) out.push(child);
      stack.push(child);
    }
  }
  return out;
}

/** Chromium's helper processes exit a moment after the browser: give them a few seconds before calling them orphans. */
export async function survivors(pids: Iterable<number>): Promise<number[]> {
  let left = [...pids].filter(alive);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = left.filter(alive);
  }
  return left;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\bZ\b/.test(execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }));
  } catch {
    return false;
  }
};
