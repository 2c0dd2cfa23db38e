// Writes a deterministic tree of realistic React TSX files (forms, buttons, links, clsx classes, lists, text)
// for benchmarking the source indexer and matcher. Usage: tsx scripts/bench/generate-tsx-tree.ts <dir> [files] [seed]
import * as fs from 'node:fs';
import * as path from 'node:path';

const AREAS = ['account', 'billing', 'cart', 'catalog', 'checkout', 'help', 'orders', 'profile', 'search', 'settings'];
const NOUNS = ['Address', 'Card', 'Coupon', 'Delivery', 'Invoice', 'Item', 'Order', 'Payment', 'Plan', 'Review', 'Size', 'Wishlist'];
const KINDS = ['Panel', 'Form', 'List', 'Dialog', 'Summary', 'Editor', 'Picker', 'Banner'];
const VERBS = ['Save', 'Apply', 'Continue', 'Cancel', 'Remove', 'Edit', 'Add', 'Confirm', 'Update', 'Review'];
const FIELDS = ['email', 'name', 'phone', 'street', 'city', 'postcode', 'code', 'note', 'quantity', 'company'];

/** mulberry32: small, fast, and identical on every platform, so a seed always yields the same tree. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateTsxTree(dir: string, files: number, seed = 1): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'lib', 'cn.ts'), CN_SOURCE);
  const written: string[] = [];
  const names = new Set<string>();
  for (let i = 0; i < files; i++) {
    const area = pick(AREAS);
    let name = `${pick(NOUNS)}${pick(KINDS)}`;
    if (names.has(name)) name = `${name}${i}`;
    names.add(name);
    const rel = `features/${area}/${name}.tsx`;
    fs.mkdirSync(path.join(dir, 'features', area), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), componentSource(name, area, i, next, pick));
    written.push(rel);
  }
  return written;
}

function componentSource(name: string, area: string, i: number, next: () => number, pick: <T>(items: readonly T[]) => T): string {
  const slug = name.replace(/[A-Z]/g, (c, at: number) => (at ? '-' : '') + c.toLowerCase());
  const verb = pick(VERBS);
  const fields = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(FIELDS));
  const testId = next() < 0.5 ? ` data-testid="${slug}-${verb.toLowerCase()}-${i}"` : '';
  const ariaLabel = next() < 0.3 ? ` aria-label="${verb} ${slug.replace(/-/g, ' ')} ${i}"` : '';
  const inputs = [...new Set(fields)]
    .map((field) => `        <label className="field">
          <span className="field-label">${field[0].toUpperCase()}${field.slice(1)}</span>
          <input name="${field}" placeholder="Your ${field}" className={cn('input', compact && 'input-compact')} />
        </label>`)
    .join('\n');
  return `// ${name}: ${area} feature component (generated for benchmarks, seed-stable).
import { useState } from 'react';
import { clsx, cn } from '../../lib/cn';

interface ${name}Props {
  items: { id: string; label: string }[];
  compact?: boolean;
  onDone?: () => void;
}

export function ${name}({ items, compact = false, onDone }: ${name}Props) {
  const [open, setOpen] = useState(false);
  return (
    <section className={\`${slug} ${area}-section \${open ? 'is-open' : ''}\`}>
      <header className="${slug}__header">
        <h2 className="${slug}__title">${name.replace(/([a-z])([A-Z])/g, '$1 $2')} ${i}</h2>
        <button type="button" className="icon-button" onClick={() => setOpen(!open)}${ariaLabel}>
          <span className="icon-button__label">{open ? 'Hide' : 'Show'}</span>
        </button>
      </header>
      <form className={clsx('${slug}__form', { 'is-compact': compact })}>
${inputs}
        <button type="submit" className={clsx('btn', 'btn-primary', compact && 'btn-small')}${testId}>
          ${verb} ${slug.replace(/-/g, ' ')}
        </button>
        <button type="button" className="btn btn-link" onClick={onDone}>
          Cancel
        </button>
      </form>
      {open && (
        <ul className="${slug}__list">
          {items.map((item) => (
            <li key={item.id} className="${slug}__item">
              <a href={\`/${area}/\${item.id}\`} data-testid={\`${slug}-item-\${item.id}\`}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="help-text">
        Need help with ${area}? <a href="/help/${area}">Contact support</a>
      </p>
    </section>
  );
}
`;
}

const CN_SOURCE = `// Joins truthy class names and the keys of truthy object entries.
type ClassValue = string | false | null | undefined | Record<string, boolean | undefined>;

export function clsx(...values: ClassValue[]): string {
  const out: string[] = [];
  for (const value of values) {
    if (!value) continue;
    if (typeof value === 'string') out.push(value);
    else for (const [name, on] of Object.entries(value)) if (on) out.push(name);
  }
  return out.join(' ');
}

export const cn = clsx;
`;

if (require.main === module) {
  const [dir, files = '2000', seed = '1'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: tsx scripts/bench/generate-tsx-tree.ts <dir> [files=2000] [seed=1]');
    process.exit(2);
  }
  const written = generateTsxTree(path.resolve(dir), Number(files), Number(seed));
  console.log(`wrote ${written.length} TSX files under ${path.resolve(dir)}`);
}
