// Minimal glob matching for include/exclude options (Node 20 has no stable path.matchesGlob).

/** Compiles `**`, `*`, `?` and `{a,b}` into a RegExp over forward-slash relative paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches zero or more whole directories; a bare "**" matches anything.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, end).split(',').map(escapeRegExp).join('|')})`;
        i = end;
      }
    } else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

/**
 * One include/exclude pattern as a predicate over a relative path. ".tsx" is an extension, a bare name
 * ("node_modules") matches any path segment, a glob without "/" ("*.test.tsx") matches the last segment at any
 * depth (as in .gitignore), any other glob matches the whole relative path.
 */
export function pathPattern(pattern: string): (relPath: string) => boolean {
  if (/^\.[\w.-]+$/.test(pattern)) return (p) => p.endsWith(pattern);
  if (!/[*?{/]/.test(pattern)) return (p) => p.split('/').includes(pattern);
  const glob = pattern.replace(/^\.\//, '');
  const re = globToRegExp(glob);
  if (!glob.includes('/')) return (p) => re.test(p.slice(p.lastIndexOf('/') + 1));
  return (p) => re.test(p);
}
