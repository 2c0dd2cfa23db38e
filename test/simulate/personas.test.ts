// Persona LEAVE offsets: a route-specific offset replaces the persona's global one on that route only.
import assert from 'node:assert/strict';
import { leaveBiasOn, PERSONAS } from '../../analyzer/simulate/personas';

describe('persona LEAVE offsets', () => {
  it("uses a route's own offset there and the global one elsewhere", () => {
    const visitor = PERSONAS.visitor;
    assert.ok(visitor.leaveBiasOn && '/cart' in visitor.leaveBiasOn, 'the visitor has a calibrated cart offset');
    assert.equal(leaveBiasOn(visitor, '/cart'), visitor.leaveBiasOn['/cart']);
    assert.notEqual(leaveBiasOn(visitor, '/cart'), visitor.leaveBias, 'the cart offset differs from the global one');
    assert.equal(leaveBiasOn(visitor, '/product/:id'), visitor.leaveBias);
    assert.equal(leaveBiasOn(PERSONAS.buyer, '/cart'), PERSONAS.buyer.leaveBias, 'personas without route offsets keep theirs');
  });
});
