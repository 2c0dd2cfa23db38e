// What a synthetic user types: the flow's test data first, then persona data a person would have, and for the rest
// only what a person can see (an example placeholder); never the `pattern` a person cannot see.
import assert from 'node:assert/strict';
import { FieldKnowledgeDraws, identityFor, valueForField } from '../../analyzer/simulate/field-values';
import type { FieldInfo } from '../../analyzer/simulate/live-page';
import { SimulationRandom } from '../../analyzer/simulate/simulation-random';

const field = (parts: Partial<FieldInfo>): FieldInfo => ({
  tag: 'input', type: 'text', name: '', id: '', autocomplete: '', label: '', placeholder: '', hint: '', required: true, valueLength: 0, checked: false, options: [], ...parts,
});

describe('simulate: field values', () => {
  const random = new SimulationRandom(7);
  const who = identityFor(random);

  it('takes flow.inputs first, matched by name, id, autocomplete or label', () => {
    const inputs = { cardNumber: '4000 0000 0000 0002', 'cc-csc': '999', 'Name on card': 'Test Holder' };
    assert.deepEqual(valueForField(field({ name: 'cardNumber', autocomplete: 'cc-number' }), inputs, who, random), { value: '4000 0000 0000 0002', source: 'flow' });
    assert.deepEqual(valueForField(field({ name: 'cvc', autocomplete: 'cc-csc' }), inputs, who, random), { value: '999', source: 'flow' });
    assert.deepEqual(valueForField(field({ name: 'holder', label: 'Name on card' }), inputs, who, random), { value: 'Test Holder', source: 'flow' });
  });

  it('fills ordinary fields with one consistent persona, by autocomplete, type, then words', () => {
    const email = valueForField(field({ name: 'email', type: 'email', autocomplete: 'email' }), undefined, who, random);
    assert.equal(email.value, who.email);
    assert.match(email.value!, /@example\.com$/);
    assert.equal(valueForField(field({ name: 'fullName', autocomplete: 'name' }), undefined, who, random).value, `${who.givenName} ${who.familyName}`);
    assert.equal(valueForField(field({ name: 'zip', label: 'Post code' }), undefined, who, random).value, who.postcode);
    assert.equal(valueForField(field({ name: 'phone', type: 'tel' }), undefined, who, random).value, who.phone);
  });

  it('guesses at an unknown field from what is visible: an example placeholder, else a made-up answer', () => {
    const hinted = valueForField(field({ name: 'taxRef', label: 'VAT number', placeholder: 'e.g. DE123456789', pattern: '[A-Z]{2}.*' } as Partial<FieldInfo>), undefined, who, random);
    assert.deepEqual(hinted, { value: 'DE123456789', source: 'guess' });
    const blind = valueForField(field({ name: 'taxRef', label: 'Tax reference (required)' }), undefined, who, random);
    assert.equal(blind.source, 'guess');
    assert.doesNotMatch(blind.value!, /^[A-Z]{2}[0-9]{2}-[0-9]{4}-[A-Z]$/, 'the hidden pattern is never satisfied on purpose');
  });

  it('follows the example of a visible format hint (aria-describedby), as a person copying it would', () => {
    const taxRef = field({ name: 'taxRef', id: 'tax-ref', label: 'Tax reference (required)', hint: 'Format: AA00-0000-A, e.g. AB12-3456-C' });
    assert.deepEqual(valueForField(taxRef, undefined, who, random), { value: 'AB12-3456-C', source: 'guess' });
    // Without the hint the same field gets a made-up answer, not the example.
    assert.notEqual(valueForField({ ...taxRef, hint: '' }, undefined, who, random).value, 'AB12-3456-C');
  });

  it('leaves an optional field it has nothing for empty, and picks an option of a select', () => {
    assert.deepEqual(valueForField(field({ name: 'taxRef', label: 'VAT number (optional, business orders only)', required: false }), undefined, who, random), { source: 'skip' });
    const options = ['XS', 'S', 'M'].map((v) => ({ value: v, label: v, disabled: false }));
    assert.deepEqual(valueForField(field({ tag: 'select', type: '', name: 'size', options }), { size: 's' }, who, random), { value: 'S', source: 'flow' });
    const picked = valueForField(field({ tag: 'select', type: '', name: 'size', options }), undefined, who, random);
    assert.equal(picked.source, 'persona');
    assert.ok(options.some((o) => o.value === picked.value), `picked ${picked.value}`);
  });

  it('has a flow value at hand with the share of real visitors who did not give up at the field, once per run', () => {
    const inputs = { taxRef: 'GB12-3456-K', cardNumber: '4242 4242 4242 4242' };
    const knowledge = new Map([['/shipping', new Map([['tax', { sessions: 99, gaveUp: 40 }]])]]);
    const tax = field({ name: 'taxRef', id: 'tax-ref' });
    const card = field({ name: 'cardNumber' });
    let known = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const draws = new FieldKnowledgeDraws(inputs, knowledge, new SimulationRandom(seed));
      const first = draws.inputsFor(tax, '/shipping', 'tax');
      // Decided once: the same answer on a second visit of the field.
      assert.equal(draws.inputsFor(tax, '/shipping', 'tax'), first);
      if (first === inputs) known++;
      else assert.equal(first, undefined);
    }
    // (99 - 40 + 1) / (99 + 1) = 0.6; 2000 draws put the share within ±0.035 (3.2 standard errors).
    assert.ok(Math.abs(known / 2000 - 0.6) < 0.035, `${known} of 2000`);
    // Fields nobody gave up at, fields never seen, or with no flow value: the flow's inputs as they are, no draw.
    const draws = new FieldKnowledgeDraws(inputs, knowledge, { chance: () => assert.fail('no draw expected') });
    assert.equal(draws.inputsFor(card, '/payment', 'card'), inputs);
    assert.equal(draws.inputsFor(tax, '/shipping', undefined), inputs);
    assert.equal(draws.inputsFor(field({ name: 'coupon' }), '/shipping', 'tax'), inputs);
  });
});
