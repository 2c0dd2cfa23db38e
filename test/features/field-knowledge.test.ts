// Field knowledge on real recordings: the sessions that gave up at a field, per the corpus recorder's own ground
// truth (form_abandonment occurrences), are exactly those fieldKnowledgeOf counts; plus the edge rules on small
// hand-made step lists.
import assert from 'node:assert/strict';
import { choseField, fieldKnowledgeOf, shareAtHand } from '../../analyzer/features/field-knowledge';
import { learnFunnel, funnelRoutesOf } from '../../analyzer/features/session-features';
import { policyStepsOf, type LabelledStep } from '../../analyzer/features/policy-steps';
import { FOLD, GOAL, TRUTH, loadRaw } from './corpus-sessions';

const FUNNEL = ['/', '/product/:id', '/cart', '/checkout/shipping', '/checkout/payment'];

/** A step as fieldKnowledgeOf reads it: session, page visit, route, what was chosen and whether it is a field. */
function step(sessionId: string, pageIndex: number, route: string, chosenKey: string, field = false): LabelledStep {
  const kind = chosenKey === 'LEAVE' ? 'leave' : chosenKey === 'BACK' ? 'back' : 'click';
  return { sessionId, pageIndex, route, chosenKey, kind, candidates: [[field ? 1 : 0]], chosen: 0 } as unknown as LabelledStep;
}
const fieldFlag = (s: LabelledStep) => s.candidates[0][0] === 1;

describe('field knowledge (who could answer a form field)', function () {
  this.timeout(60_000);

  it('counts, on 120 corpus sessions, exactly the sessions the recorder made give up at each field', async () => {
    const raws = await loadRaw(120);
    const replayed = raws.map((raw) => policyStepsOf(raw, GOAL, { foldRoute: FOLD }));
    const funnel = learnFunnel(replayed.map(({ session }) => ({ converted: session.outcome.converted, routes: funnelRoutesOf(session, FOLD) })));
    const table = fieldKnowledgeOf(
      replayed.flatMap((r) => r.steps),
      choseField,
      funnel,
    );
    const shipping = table.get('/checkout/shipping');
    assert.ok(shipping, `no shipping fields in ${[...table.keys()].join(', ')}`);
    // The field people gave up at, by the recorder's truth: the tax reference; every other shipping field: never.
    const ids = new Set(raws.map((r) => r.id));
    const truth = TRUTH.sessions.filter((s) => ids.has(s.id));
    const gaveUpAtTax = truth.filter((s) => s.occurrences.some((o) => o.kind === 'form_abandonment' && o.selector === '#tax-ref')).length;
    assert.ok(gaveUpAtTax >= 10, `only ${gaveUpAtTax} abandonments in the sample`);
    const byGaveUp = [...shipping.entries()].sort((a, b) => b[1].gaveUp - a[1].gaveUp);
    assert.equal(byGaveUp[0][1].gaveUp, gaveUpAtTax);
    for (const [, counts] of byGaveUp.slice(1)) assert.equal(counts.gaveUp, 0);
    // Every session that reached the shipping form typed into the tax reference.
    const reachedShipping = replayed.filter((r) => r.steps.some((x) => x.route === '/checkout/shipping')).length;
    assert.equal(byGaveUp[0][1].sessions, reachedShipping);
    const share = shareAtHand(table, '/checkout/shipping', byGaveUp[0][0]);
    assert.ok(Math.abs(share - (reachedShipping - gaveUpAtTax + 1) / (reachedShipping + 1)) < 1e-12);
    // The payment form: the buyers' second thoughts after typing the name on the card, by the recorder's truth.
    const gaveUpAtCardName = truth.filter((s) => s.occurrences.some((o) => o.kind === 'form_abandonment' && o.selector === '#cardName')).length;
    const payment = [...(table.get('/checkout/payment')?.values() ?? [])];
    assert.equal(payment.reduce((n, c) => n + c.gaveUp, 0), gaveUpAtCardName);
  });

  it('judges a session on its last visit of the page, and counts a side trip as neither giving up nor passing', () => {
    const steps = [
      // s1: gives up (LEAVE) after the tax field; then nothing.
      step('s1', 0, '/checkout/shipping', 'name', true),
      step('s1', 0, '/checkout/shipping', 'tax', true),
      step('s1', 0, '/checkout/shipping', 'submit'),
      step('s1', 0, '/checkout/shipping', 'LEAVE'),
      // s2: goes back to the cart after the tax field, returns and passes the form.
      step('s2', 1, '/checkout/shipping', 'tax', true),
      step('s2', 1, '/checkout/shipping', 'BACK'),
      step('s2', 2, '/cart', 'checkout'),
      step('s2', 3, '/checkout/shipping', 'tax', true),
      step('s2', 3, '/checkout/shipping', 'submit'),
      step('s2', 4, '/checkout/payment', 'pay'),
      // s3: a side trip to the help page (not in the funnel) ends the visit, then the session converts from there.
      step('s3', 0, '/checkout/shipping', 'tax', true),
      step('s3', 0, '/checkout/shipping', 'help'),
      step('s3', 1, '/help', 'close'),
      // s4: to an earlier funnel page by a link (the logo): gave up.
      step('s4', 0, '/checkout/shipping', 'name', true),
      step('s4', 0, '/checkout/shipping', 'logo'),
      step('s4', 1, '/', 'LEAVE'),
    ];
    const table = fieldKnowledgeOf(steps, fieldFlag, FUNNEL);
    const shipping = table.get('/checkout/shipping')!;
    assert.deepEqual(Object.fromEntries(shipping), { name: { sessions: 2, gaveUp: 1 }, tax: { sessions: 3, gaveUp: 1 } });
    assert.equal(shareAtHand(table, '/checkout/shipping', 'tax'), 3 / 4);
    assert.equal(shareAtHand(table, '/checkout/shipping', 'never-seen'), 1);
    assert.equal(shareAtHand(table, '/elsewhere', 'tax'), 1);
  });
});
