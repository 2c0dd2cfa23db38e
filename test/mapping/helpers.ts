// Test helpers: the fixture app's location, exact line lookup in it, and ElementDescriptors shaped like the replay's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AncestorDescriptor, ElementDescriptor } from '../../analyzer/replay/types';

export const FIXTURE_APP = path.join(__dirname, '..', 'fixtures', 'mapping', 'app');

/** 1-based line of the only line in a fixture file containing `needle` (fails loudly if not exactly one). */
export function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(path.join(FIXTURE_APP, file), 'utf8').split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`${file}: expected one line containing ${JSON.stringify(needle)}, found ${hits.length}`);
  return hits[0];
}

export interface DomSpec {
  tag: string;
  classes?: string[];
  text?: string;
  /** Verbatim attributes besides class (id, data-*, aria-label, name, href, placeholder, ...). */
  attrs?: Record<string, string>;
  ancestors?: Array<Partial<AncestorDescriptor> & { tag: string }>;
}

/** Builds an ElementDescriptor the way analyzer/replay/describe-element.ts fills one. */
export function domElement(spec: DomSpec): ElementDescriptor {
  const attrs = spec.attrs ?? {};
  const classes = spec.classes ?? [];
  const attributes: Record<string, string> = { ...attrs };
  if (classes.length) attributes.class = classes.join(' ');
  const dataAttributes = Object.fromEntries(Object.entries(attrs).filter(([k]) => k.startsWith('data-') && k !== 'data-testid'));
  return {
    tag: spec.tag,
    id: attrs.id,
    classes,
    testId: attrs['data-testid'],
    dataAttributes,
    name: attrs.name,
    type: attrs.type,
    role: attrs.role,
    ariaLabel: attrs['aria-label'],
    href: attrs.href,
    text: spec.text,
    attributes,
    ancestors: (spec.ancestors ?? []).map((a) => ({ classes: [], ...a })),
    selector: spec.tag,
    fingerprint: 'test',
  };
}
