import assert from 'node:assert/strict';
import { indexSourceText } from '../../analyzer/mapping';
import type { JsxElementEntry } from '../../analyzer/mapping';

function only(text: string, tag: string): JsxElementEntry {
  const hits = indexSourceText('src/Snippet.tsx', text).filter((e) => e.tag === tag);
  assert.equal(hits.length, 1, `expected one <${tag}>`);
  return hits[0];
}

const inComponent = (jsx: string) => `export function Snippet({ on, size, label }: { on: boolean; size: string; label: string }) {
  return (${jsx});
}`;

describe('indexSourceText: classes', () => {
  it('reads every clsx / classnames / cn / cx / twMerge argument form', () => {
    const entry = only(
      inComponent(`<div className={cx('a', on && 'b', on ? 'c' : 'd', { 'e-f': on, g: !on }, ['h', on && 'i'], size, \`size-\${size}\`)} />`),
      'div',
    );
    assert.deepEqual(entry.classes.sort(), ['a', 'b', 'c', 'd', 'e-f', 'g', 'h', 'i']);
    for (const helper of ['clsx', 'classnames', 'cn', 'twMerge', 'utils.cn']) {
      assert.deepEqual(only(inComponent(`<p className={${helper}('x', { y: on })} />`), 'p').classes, ['x', 'y'], helper);
    }
  });

  it('keeps whole words of templates and concatenations, never fragments glued to a substitution', () => {
    assert.deepEqual(only(inComponent('<b className={`card card--${size} ${on ? "is-on" : ""} wide`} />'), 'b').classes.sort(), ['card', 'is-on', 'wide']);
    assert.deepEqual(only(inComponent(`<i className={'btn btn-' + size} />`), 'i').classes, ['btn']);
    assert.deepEqual(only(inComponent(`<u className={['tab', on && 'tab--on'].filter(Boolean).join(' ')} />`), 'u').classes, ['tab', 'tab--on']);
    assert.deepEqual(only(inComponent(`<s className={styles.button} />`), 's').classes, [], 'CSS modules are hashed at build time');
  });
});

describe('indexSourceText: attributes and text', () => {
  it('treats {"x"}, {\'x\'} and plain templates as strings; ignores spreads but remembers them', () => {
    const entry = only(inComponent(`<a href={'/cart'} title={"Cart"} data-attr={\`nav-cart\`} aria-label={label} {...{ rel: 'x' }} download>Go</a>`), 'a');
    assert.deepEqual(entry.attributes, { href: '/cart', title: 'Cart', 'data-attr': 'nav-cart', 'aria-label': true, download: true });
    assert.equal(entry.hasSpread, true);
  });

  it('follows JSX whitespace rules and joins text nodes as the DOM shows them', () => {
    const entry = only(inComponent(`<button>
        Pay
        now {"securely"}
        <Icon />
        <strong>today</strong>{label}
      </button>`), 'button');
    assert.equal(entry.text, 'Pay now securely today');
  });

  it('does not take text from inside other components, nor JSX passed as props', () => {
    const entry = only(inComponent(`<section icon={<span>Decor</span>}><Trans>Hidden</Trans><span>Shown</span></section>`), 'section');
    assert.equal(entry.text, 'Shown');
    const decor = indexSourceText('x.tsx', inComponent(`<section icon={<span>Decor</span>}><h1>T</h1></section>`)).find((e) => e.text === 'Decor');
    assert.deepEqual(decor?.ancestorTags, [], 'a prop element is not a DOM child');
  });
});

describe('indexSourceText: tags and components', () => {
  it('classifies intrinsic tags: lower-case and custom elements yes, member expressions and PascalCase no', () => {
    const entries = indexSourceText('x.tsx', `const A = () => <><my-widget /><motion.div /><Foo.Bar /><svg:rect /><Button /></>;`);
    assert.deepEqual(entries.map((e) => [e.tag, e.intrinsic]), [
      ['my-widget', true], ['motion.div', false], ['Foo.Bar', false], ['svg:rect', true], ['Button', false],
    ]);
  });

  it('names components declared through memo / forwardRef, classes, and falls back to a named function', () => {
    const text = `
const Fancy = memo(forwardRef((props, ref) => <div ref={ref} className="fancy" />));
class Legacy extends Component { render() { return <section className="legacy" />; } }
function renderRow() { return <tr className="row" />; }
export default function () { return <main className="anon" />; }`;
    const byClass = Object.fromEntries(indexSourceText('x.tsx', text).map((e) => [e.classes[0], e.component]));
    assert.deepEqual(byClass, { fancy: 'Fancy', legacy: 'Legacy', row: 'renderRow', anon: undefined });
  });

  it('indexes what parses in a file with syntax errors', () => {
    const text = `export function Ok() {
  return <button data-testid="ok">Fine</button>;
}
export function Broken() {
  return <div className="broken"><span>half
}`;
    const entries = indexSourceText('Broken.tsx', text);
    const ok = entries.find((e) => e.attributes['data-testid'] === 'ok');
    assert.deepEqual(ok && [ok.line, ok.column, ok.text], [2, 10, 'Fine']);
    assert.ok(entries.some((e) => e.classes.includes('broken')));
  });

  it('parses .jsx text and normalises Windows separators in the file name', () => {
    const [entry] = indexSourceText('src\\App.jsx', 'export const App = () => <h1 className="title">Hi</h1>;');
    assert.equal(entry.file, 'src/App.jsx');
    assert.equal(entry.text, 'Hi');
  });
});
