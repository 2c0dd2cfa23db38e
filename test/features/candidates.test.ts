import assert from 'node:assert/strict';
import { buildSession, descriptorMatches, type ReplayEvent } from '../../analyzer/replay';
import { describeElement } from '../../analyzer/replay/describe-element';
import { DomMirror, type MirrorNode } from '../../analyzer/replay/mirror';
import type { RawSession } from '../../analyzer/sources/files/types';
import { candidateElements, documentRootOf, fingerprintOfNode } from '../../analyzer/features/candidates';
import {
  backCandidateVector,
  candidateTraits,
  ELEMENT_FEATURE_NAMES,
  elementFeatureVector,
  labelTextsOf,
  leaveCandidateVector,
  TEXT_BUCKETS,
} from '../../analyzer/features/element-features';
import { resetIds, snapshot, type NodeSpec } from '../replay/events';
import { GOAL, loadRaw } from './corpus-sessions';

/** A mirror holding one hand-written page (head + body). */
function page(body: NodeSpec[]): DomMirror {
  resetIds(1);
  const mirror = new DomMirror();
  const event: ReplayEvent = snapshot(1000, body);
  mirror.loadSnapshot(event.data.node);
  return mirror;
}

const byTestId = (nodes: MirrorNode[]) => nodes.map((n) => n.attributes['data-testid'] ?? `<${n.tag}>`);

function find(mirror: DomMirror, test: (node: MirrorNode) => boolean): MirrorNode {
  for (let id = 0; id < 1000; id++) {
    const node = mirror.get(id);
    if (node && test(node)) return node;
  }
  throw new Error('no such node');
}

describe('candidate elements and their features', function () {
  this.timeout(30_000);
  let raws: RawSession[];

  before(async () => {
    raws = await loadRaw(30);
  });

  it('holds the clicked element (as the replay resolves it) for nearly every real click, at the moment of the click', () => {
    let clicks = 0;
    let among = 0;
    let pill = 0;
    const misses: string[] = [];
    for (const raw of raws) {
      buildSession(raw, GOAL, {
        beforeClick({ mirror, target, documentId }) {
          if (!target) return;
          clicks++;
          const candidates = candidateElements(mirror, undefined, { root: documentId });
          const found = candidates.some((c) => c.id === target.id);
          if (found) among++;
          else misses.push(describeElement(mirror, target).selector);
          if (descriptorMatches(describeElement(mirror, target), 'span.pill--returns')) {
            pill++;
            assert.ok(found, `${raw.id}: the dead-clicked "Free returns" badge is a candidate`);
          }
        },
      });
    }
    console.log(`      clicked element among candidates: ${among}/${clicks} (${((100 * among) / clicks).toFixed(1)}%)${misses.length ? `; missed ${misses.slice(0, 5).join(', ')}` : ''}`);
    assert.ok(clicks > 100, `${clicks} clicks`);
    assert.ok(pill >= 1, 'the first 30 sessions hold dead clicks on span.pill--returns');
    assert.ok(among / clicks >= 0.95, `${among}/${clicks}`);
  });

  it('never offers nodes from <head>, scripts, templates or hidden subtrees on real pages, and stays in document order', () => {
    let checked = 0;
    for (const raw of raws.slice(0, 10)) {
      buildSession(raw, GOAL, {
        beforeClick({ mirror, documentId }) {
          const candidates = candidateElements(mirror, undefined, { root: documentId });
          const root = documentRootOf(mirror, documentId)!;
          // Document order: a pre-order walk of the whole tree visits candidates in the returned order.
          const order = new Map<number, number>();
          const stack = [root.id];
          while (stack.length > 0) {
            const node = mirror.get(stack.pop()!)!;
            order.set(node.id, order.size);
            for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
          }
          for (let i = 1; i < candidates.length; i++) assert.ok(order.get(candidates[i - 1].id)! < order.get(candidates[i].id)!);
          for (const c of candidates) {
            for (let n: MirrorNode | undefined = c; n; n = n.parentId !== undefined ? mirror.get(n.parentId) : undefined) {
              assert.ok(!['head', 'script', 'template', 'style'].includes(n.tag ?? ''), `${describeElement(mirror, c).selector} under <${n.tag}>`);
              assert.ok(n.attributes.hidden === undefined && n.attributes['aria-hidden'] !== 'true');
            }
            checked++;
          }
        },
      });
    }
    assert.ok(checked > 100);
  });

  it('finds controls and look-alikes, skips what is not displayed', () => {
    const mirror = page([
      { tag: 'template', children: [{ tag: 'button', attrs: { 'data-testid': 'in-template' } }] },
      { tag: 'a', attrs: { 'data-testid': 'link', href: '/cart' }, children: [{ text: 'Cart' }] },
      { tag: 'a', attrs: { 'data-testid': 'anchor-without-href' } },
      { tag: 'div', attrs: { hidden: '' }, children: [{ tag: 'button', attrs: { 'data-testid': 'in-hidden' } }] },
      { tag: 'div', attrs: { 'aria-hidden': 'true' }, children: [{ tag: 'a', attrs: { 'data-testid': 'in-aria-hidden', href: '/' } }] },
      { tag: 'span', attrs: { 'data-testid': 'pill', class: 'pill pill--returns' }, children: [{ text: 'Free returns' }] },
      { tag: 'div', attrs: { 'data-testid': 'card', class: 'product-card' }, children: [{ tag: 'p', children: [{ text: 'Jacket' }] }] },
      { tag: 'div', attrs: { 'data-testid': 'table', class: 'table-wrapper' } },
      { tag: 'form', children: [
        { tag: 'label', attrs: { 'data-testid': 'label', for: 'email' }, children: [{ text: 'Email address' }] },
        { tag: 'input', attrs: { 'data-testid': 'email', id: 'email', type: 'email', required: '' } },
        { tag: 'input', attrs: { 'data-testid': 'token', type: 'hidden' } },
        { tag: 'select', attrs: { 'data-testid': 'select' }, children: [{ tag: 'option', children: [{ text: 'M' }] }] },
        { tag: 'button', attrs: { 'data-testid': 'submit' }, children: [{ text: 'Pay now' }] },
      ] },
      { tag: 'details', children: [
        { tag: 'summary', attrs: { 'data-testid': 'summary' }, children: [{ text: 'More' }] },
        { tag: 'button', attrs: { 'data-testid': 'in-closed-details' } },
      ] },
      { tag: 'div', attrs: { 'data-testid': 'widget', role: 'tab' } },
      { tag: 'div', attrs: { 'data-testid': 'focusable', tabindex: '0' } },
      { tag: 'div', attrs: { 'data-testid': 'unfocusable', tabindex: '-1' } },
      { tag: 'p', attrs: { 'data-testid': 'plain' }, children: [{ text: 'Clicked in training' }] },
    ]);
    const head = find(mirror, (n) => n.tag === 'head');
    mirror.applyMutation({ adds: [{ parentId: head.id, node: { type: 2, id: 900, tagName: 'a', attributes: { href: '/in-head', 'data-testid': 'in-head' }, childNodes: [] } }] });
    const plain = find(mirror, (n) => n.attributes['data-testid'] === 'plain');
    const expected = ['link', 'pill', 'card', 'label', 'email', 'select', 'submit', 'summary', 'widget', 'focusable'];
    assert.deepEqual(byTestId(candidateElements(mirror)), expected);
    // An element clicked in the training data is offered too, whatever it looks like.
    assert.deepEqual(byTestId(candidateElements(mirror, new Set([fingerprintOfNode(mirror, plain)]))), [...expected, 'plain']);
    // The cap is deterministic: extra fingerprints, then controls, then look-alikes; returned in document order.
    assert.deepEqual(byTestId(candidateElements(mirror, new Set([fingerprintOfNode(mirror, plain)]), { max: 3 })), ['link', 'label', 'plain']);
    assert.deepEqual(byTestId(candidateElements(mirror, undefined, { max: 9, include: new Set([plain.id]) })).slice(-2), ['focusable', 'plain']);
  });

  it('gives the replay’s fingerprint, and finite vectors of the named width; BACK and LEAVE are indicators', () => {
    const raw = raws[0];
    let done = false;
    buildSession(raw, GOAL, {
      beforeClick({ mirror, documentId, pages, pageIndex }) {
        if (done) return;
        done = true;
        const nodes = candidateElements(mirror, undefined, { root: documentId });
        const traits = candidateTraits(mirror, nodes);
        const labels = labelTextsOf(mirror, nodes);
        nodes.forEach((node, i) => {
          assert.equal(traits[i].fingerprint, describeElement(mirror, node).fingerprint);
          const vector = elementFeatureVector(mirror, node, { route: pages[pageIndex].route, pageUrl: pages[pageIndex].url, candidateCount: nodes.length, candidateIndex: i }, labels);
          assert.equal(vector.length, ELEMENT_FEATURE_NAMES.length);
          assert.ok(vector.every((v) => Number.isFinite(v)));
          assert.equal(vector.slice(0, 11).reduce((a, b) => a + b, 0), 1, 'one tag');
          assert.equal(vector[ELEMENT_FEATURE_NAMES.indexOf('pseudo:back')], 0);
        });
      },
    });
    assert.ok(done);
    const back = backCandidateVector({ route: '/', hasHistory: true });
    const leave = leaveCandidateVector({ route: '/', clickPriors: new Map([['/', new Map([['LEAVE', 0.2]])]]), hasHistory: true });
    assert.equal(back[ELEMENT_FEATURE_NAMES.indexOf('pseudo:back')], 1);
    assert.equal(back.reduce((a, b) => a + b, 0), 2, 'indicator + has_history');
    assert.equal(leave[ELEMENT_FEATURE_NAMES.indexOf('pseudo:leave')], 1);
    assert.ok(leave[ELEMENT_FEATURE_NAMES.indexOf('prior:click_share')] > 0);
  });

  it('describes a field by its label and state, a link by where it leads', () => {
    const mirror = page([
      { tag: 'form', children: [
        { tag: 'label', attrs: { for: 'tax' }, children: [{ text: 'Tax reference (required)' }] },
        { tag: 'input', attrs: { id: 'tax', 'data-testid': 'tax', required: '', value: 'GB12' } },
        { tag: 'button', attrs: { 'data-testid': 'go', disabled: '' }, children: [{ text: 'Continue' }] },
      ] },
      { tag: 'a', attrs: { 'data-testid': 'out', href: 'https://elsewhere.test/x' } },
      { tag: 'a', attrs: { 'data-testid': 'in', href: '/cart' } },
    ]);
    const nodes = candidateElements(mirror);
    const labels = labelTextsOf(mirror, nodes);
    const vec = (testId: string, clicks = new Map<string, number>()) => {
      const i = nodes.findIndex((n) => n.attributes['data-testid'] === testId);
      return elementFeatureVector(mirror, nodes[i], { route: '/checkout', pageUrl: 'https://shop.test/checkout', candidateCount: nodes.length, candidateIndex: i, clicksSoFar: clicks }, labels);
    };
    const f = (v: Float32Array, name: string) => v[ELEMENT_FEATURE_NAMES.indexOf(name)];
    const tax = vec('tax');
    assert.equal(f(tax, 'field:is_field'), 1);
    assert.equal(f(tax, 'field:required'), 1);
    assert.equal(f(tax, 'field:has_value'), 1);
    assert.equal(f(tax, 'form:inside_form'), 1);
    assert.equal(f(tax, 'type:text'), 1);
    assert.ok(tax.slice(ELEMENT_FEATURE_NAMES.indexOf('text:0'), ELEMENT_FEATURE_NAMES.indexOf('text:0') + TEXT_BUCKETS).some((v) => v > 0), 'words of its label');
    assert.equal(f(vec('go'), 'field:disabled'), 1);
    assert.equal(f(vec('go'), 'field:is_submit'), 1);
    assert.equal(f(vec('out'), 'nav:external'), 1);
    assert.equal(f(vec('in'), 'nav:new_page'), 1);
    assert.equal(f(vec('in'), 'position:document_order'), 1);
    const fp = fingerprintOfNode(mirror, nodes[nodes.length - 1]);
    assert.equal(f(vec('in', new Map([[fp, 2]])), 'history:clicked_before'), Math.fround(Math.log1p(2)));
  });
});
