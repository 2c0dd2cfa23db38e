import assert from 'node:assert/strict';
import { descriptorFromChain, parseElementsChain } from '../../analyzer/sources/posthog/elements-chain';

describe('PostHog elements_chain parser', () => {
  it('parses the documented example: tag, sorted classes, attributes, text, nth-*, ancestors', () => {
    const chain = 'button.btn.primary:attr__class="btn primary"attr__data-testid="pay-now"nth-child="2"nth-of-type="1"text="Pay now";form:attr__id="payment-form"attr_id="payment-form"nth-child="1"nth-of-type="1";body:nth-child="2"nth-of-type="1"';
    const [button, form] = parseElementsChain(chain);
    assert.equal(button.tag, 'button');
    assert.deepEqual(button.classes, ['btn', 'primary']);
    assert.equal(button.text, 'Pay now');
    assert.equal(button.nthChild, 2);
    assert.equal(form.attributes.id, 'payment-form');
    const el = descriptorFromChain(chain)!;
    assert.equal(el.testId, 'pay-now');
    assert.equal(el.text, 'Pay now');
    assert.equal(el.selector, '[data-testid="pay-now"]');
    assert.equal(el.ancestors[0].id, 'payment-form');
  });

  it('keeps escaped quotes, colons and semicolons inside values', () => {
    const chain = 'a.size-guide-link:attr__href="/size-guide?x=1;y=2"href="/size-guide?x=1;y=2"text="Size \\"guide\\": S;M;L";div.size-row:nth-child="3"';
    const elements = parseElementsChain(chain);
    assert.equal(elements.length, 2);
    assert.equal(elements[0].text, 'Size "guide": S;M;L');
    assert.equal(elements[0].href, '/size-guide?x=1;y=2');
    const el = descriptorFromChain(chain)!;
    assert.equal(el.selector, 'div.size-row > a.size-guide-link');
  });

  it('gives the same fingerprint as the replay would for the same element, and scrubs PII from text', () => {
    const a = descriptorFromChain('span.pill.pill--returns:nth-child="1"nth-of-type="1"text="Free returns"')!;
    const b = descriptorFromChain('span.pill.pill--returns:nth-child="1"nth-of-type="1"text="Free returns";div.product-badges')!;
    assert.equal(a.fingerprint, b.fingerprint);
    assert.equal(descriptorFromChain('p:text="Write to ada@example.com"')!.text, 'Write to [email]');
    assert.equal(descriptorFromChain(''), undefined);
  });
});
