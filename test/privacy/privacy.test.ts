import assert from 'node:assert/strict';
import { isSensitiveField, luhnValid, maskValue, scrubText } from '../../analyzer/privacy/pii';
import { isEuHost, resolveTrainingConsent } from '../../analyzer/privacy/consent';

describe('privacy: PII scrubbing and training consent', () => {
  it('scrubs emails, Luhn-valid cards, SSNs and phone numbers from real-looking text', () => {
    const text = 'Contact ada.lovelace+shop@example.co.uk or call +44 20 7946 0958; card 4242 4242 4242 4242, ref 1234 5678 9012 3456, SSN 123-45-6789, order 2026-10-01.';
    const scrubbed = scrubText(text);
    assert.doesNotMatch(scrubbed, /ada\.lovelace|4242|123-45-6789|7946/);
    assert.match(scrubbed, /\[email\]/);
    assert.match(scrubbed, /\[card\]/);
    assert.match(scrubbed, /\[ssn\]/);
    assert.match(scrubbed, /\[phone\]/);
    assert.match(scrubbed, /1234 5678 9012 3456/, 'a number failing the Luhn check is not a card');
    assert.match(scrubbed, /order 2026-10-01/, 'dates survive');
  });

  it('checks card numbers with Luhn', () => {
    assert.equal(luhnValid('4242424242424242'), true);
    assert.equal(luhnValid('4242424242424241'), false);
    assert.equal(luhnValid('79927398713'), false, 'too short for a card');
  });

  it('treats passwords, hidden inputs and posthog-js sensitive names as sensitive', () => {
    assert.equal(isSensitiveField({ type: 'password', name: 'x' }), true);
    assert.equal(isSensitiveField({ type: 'hidden' }), true);
    assert.equal(isSensitiveField({ name: 'cc-number' }), true);
    assert.equal(isSensitiveField({ id: 'cvc' }), true);
    assert.equal(isSensitiveField({ name: 'ssn_last4' }), true);
    assert.equal(isSensitiveField({ class: 'field ph-no-capture' }), true);
    assert.equal(isSensitiveField({ name: 'fullName', type: 'text' }), false);
    assert.equal(maskValue('secret'), '******');
  });

  it('defaults training consent off for EU hosts, on for US and self-hosted; explicit settings win', () => {
    assert.equal(isEuHost('https://eu.posthog.com'), true);
    assert.equal(isEuHost('eu.i.posthog.com'), true);
    assert.equal(isEuHost('https://posthog.example.org', 'eu'), true);
    assert.equal(resolveTrainingConsent('auto', 'https://eu.posthog.com').allowed, false);
    assert.equal(resolveTrainingConsent('auto', 'https://us.posthog.com').allowed, true);
    assert.equal(resolveTrainingConsent('auto', 'https://analytics.internal:8000').allowed, true);
    assert.equal(resolveTrainingConsent('on', 'https://eu.posthog.com').allowed, true);
    assert.equal(resolveTrainingConsent('off', 'https://us.posthog.com').allowed, false);
    assert.match(resolveTrainingConsent('auto', 'https://eu.posthog.com').basis, /EU/);
  });
});
