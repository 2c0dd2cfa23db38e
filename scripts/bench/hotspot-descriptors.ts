// DOM element descriptors for the generated TSX tree, as the replay would describe what those components
// render: each file's submit button and a list link. Knowing the file each came from lets the mapping bench
// report top-1 accuracy next to its timing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fingerprintOf } from '../../analyzer/replay/fingerprint';
import type { AncestorDescriptor, ElementDescriptor } from '../../analyzer/replay/types';

export interface ExpectedDescriptor {
  element: ElementDescriptor;
  /** Relative path of the file that renders it. */
  file: string;
}

function describe(tag: string, attributes: Record<string, string>, text: string, ancestors: AncestorDescriptor[]): ElementDescriptor {
  const classes = (attributes.class ?? '').split(' ').filter(Boolean);
  const base: Omit<ElementDescriptor, 'fingerprint'> = {
    tag, classes, text, attributes, ancestors, dataAttributes: {},
    testId: attributes['data-testid'], type: attributes.type, href: attributes.href,
    selector: attributes['data-testid'] ? `[data-testid="${attributes['data-testid']}"]` : `${tag}.${classes.join('.')}`,
  };
  return { ...base, fingerprint: fingerprintOf(base) };
}

/** Up to two descriptors per file (submit button, first list link), `count` in total. */
export function hotspotDescriptors(root: string, files: string[], count: number): ExpectedDescriptor[] {
  const out: ExpectedDescriptor[] = [];
  for (const [i, rel] of files.entries()) {
    if (out.length >= count) break;
    const source = fs.readFileSync(path.join(root, rel), 'utf8');
    const slug = /className="([\w-]+)__header"/.exec(source)?.[1];
    const area = rel.split('/')[1];
    const submit = /<button type="submit"[^>]*?(?: data-testid="([^"]+)")?>\s*([^<]+?)\s*<\/button>/.exec(source);
    if (!slug || !submit) continue;
    const section: AncestorDescriptor = { tag: 'section', classes: [slug, `${area}-section`] };
    const tail: AncestorDescriptor[] = [section, { tag: 'main', classes: [] }, { tag: 'div', id: 'root', classes: [] }, { tag: 'body', classes: [] }];
    const button = { type: 'submit', class: 'btn btn-primary', ...(submit[1] ? { 'data-testid': submit[1] } : {}) };
    out.push({ file: rel, element: describe('button', button, submit[2], [{ tag: 'form', classes: [`${slug}__form`] }, ...tail]) });
    const link = { href: `/${area}/${i + 1}`, 'data-testid': `${slug}-item-${i + 1}` };
    const listAncestors = [{ tag: 'li', classes: [`${slug}__item`] }, { tag: 'ul', classes: [`${slug}__list`] }, ...tail];
    if (out.length < count) out.push({ file: rel, element: describe('a', link, `Item ${i + 1}`, listAncestors) });
  }
  return out;
}
