// Host presets, the training-consent record, selection helpers and key redaction.
import assert from 'node:assert/strict';
import { decideConsent, HostError, parseSince, resolveHost } from '../../../analyzer/sources/posthog';
import { isSafeSessionId } from '../../../analyzer/sources/posthog/client';
import { redactSecrets } from '../../../analyzer/sources/posthog/redact';
import { judgeRecording, sampleFraction } from '../../../analyzer/sources/posthog/select';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const HOUR = 3_600_000;

describe('PostHog hosts, consent and selection', () => {
  it('resolves us, eu and self-hosted URLs to the private API host', () => {
    assert.deepEqual(resolveHost('us'), { baseUrl: 'https://us.posthog.com', kind: 'us' });
    assert.deepEqual(resolveHost('EU'), { baseUrl: 'https://eu.posthog.com', kind: 'eu' });
    assert.deepEqual(resolveHost('https://eu.posthog.com/'), { baseUrl: 'https://eu.posthog.com', kind: 'eu' });
    assert.deepEqual(resolveHost('https://ph.example.com/posthog/'), { baseUrl: 'https://ph.example.com/posthog', kind: 'self-hosted' });
    assert.deepEqual(resolveHost('http://localhost:8000'), { baseUrl: 'http://localhost:8000', kind: 'self-hosted' });
  });

  it('refuses ingestion hosts, plain http off this machine, and non-URLs, saying what to use', () => {
    assert.throws(() => resolveHost('https://eu.i.posthog.com'), (e: Error) => e instanceof HostError && /use --host eu/.test(e.message));
    assert.throws(() => resolveHost('http://ph.example.com'), /must use https/);
    assert.throws(() => resolveHost('mars'), /neither us, eu nor a URL/);
  });

  it('training consent: auto is off on the EU cloud, on on the US cloud; an explicit setting wins and is kept', () => {
    const eu = decideConsent(undefined, undefined, 'https://eu.posthog.com', undefined, NOW);
    assert.deepEqual([eu.setting, eu.allowed], ['auto', false]);
    assert.match(eu.basis, /EU instance/);
    const us = decideConsent(undefined, undefined, 'https://us.posthog.com', undefined, NOW);
    assert.deepEqual([us.setting, us.allowed], ['auto', true]);
    const on = decideConsent('on', eu, 'https://eu.posthog.com', undefined, NOW + 1);
    assert.deepEqual([on.setting, on.allowed, on.decidedAt], ['on', true, new Date(NOW + 1).toISOString()]);
    assert.equal(decideConsent(undefined, on, 'https://eu.posthog.com', undefined, NOW + 2), on, 'a run without a setting keeps the stored one');
    const off = decideConsent('off', us, 'https://us.posthog.com', undefined, NOW);
    assert.equal(off.allowed, false);
    assert.equal(decideConsent('auto', eu, 'https://eu.posthog.com', undefined, NOW + 5).decidedAt, eu.decidedAt, 'same decision keeps its date');
  });

  it('judges recordings: younger than 24 h, before --since, too short, other URL, outside the sample', () => {
    const rec = (hoursAgo: number, extra = {}) => ({ id: 'a1', start_time: new Date(NOW - hoursAgo * HOUR).toISOString(), recording_duration: 30, start_url: 'https://shop.example/checkout', ...extra });
    const base = { now: NOW };
    assert.equal(judgeRecording(rec(23), base), 'recent');
    assert.equal(judgeRecording(rec(25), base), 'take');
    assert.equal(judgeRecording(rec(25), { ...base, since: NOW - 24.5 * HOUR }), 'out_of_range');
    assert.equal(judgeRecording(rec(25), { ...base, minDurationS: 31 }), 'filtered');
    assert.equal(judgeRecording(rec(25), { ...base, urlContains: 'CHECKOUT' }), 'take');
    assert.equal(judgeRecording(rec(25), { ...base, urlContains: '/cart' }), 'filtered');
    const inSample = sampleFraction('a1') < 0.5;
    assert.equal(judgeRecording(rec(25), { ...base, sample: 0.5 }), inSample ? 'take' : 'sampled_out');
    assert.equal(sampleFraction('a1'), sampleFraction('a1'));
    const fractions = [...Array(1000)].map((_, i) => sampleFraction(`session-${i}`));
    const kept = fractions.filter((f) => f < 0.25).length;
    assert.ok(kept > 200 && kept < 300, `${kept} of 1000 at 0.25`);
  });

  it('reads --since as a duration or a date', () => {
    assert.equal(parseSince('7d', NOW), NOW - 7 * 24 * HOUR);
    assert.equal(parseSince('12h', NOW), NOW - 12 * HOUR);
    assert.equal(parseSince('2026-11-01', NOW), Date.parse('2026-11-01T00:00:00Z'));
    assert.equal(parseSince('yesterday-ish', NOW), undefined);
  });

  it('accepts only session ids that are safe as a URL segment and a file name', () => {
    assert.ok(isSafeSessionId('01a0f680-f03b-7396-b1d9-fcb56cab511e'));
    for (const bad of ['../x', 'a/b', '', '.hidden', 'a..b', 'x'.repeat(201), 42]) assert.equal(isSafeSessionId(bad), false, String(bad));
  });

  it('redacts the configured key and anything shaped like a PostHog key', () => {
    assert.equal(redactSecrets('Bearer s3cr3t-key here', 's3cr3t-key'), 'Bearer [redacted API key] here');
    assert.equal(redactSecrets('key phx_abcdefgh12345678 and phs_ZZZZZZZZZZZZ'), 'key [redacted API key] and [redacted API key]');
  });
});
