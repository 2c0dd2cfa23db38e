// A model version a person can read and a machine can compare: name@date-<first 8 hex of the graphs' SHA-256>.
import { createHash } from 'node:crypto';

export function modelVersion(name: string, createdAt: Date, graphs: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const graph of graphs) hash.update(graph);
  return `${name}@${createdAt.toISOString().slice(0, 10)}-${hash.digest('hex').slice(0, 8)}`;
}
