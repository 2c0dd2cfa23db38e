// The flows file is hand-validated: every problem at once, each with the JSON path of the culprit and what to do.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findFlow, flowsFileProblems, FlowsFileError, parseFlowsFile, readFlowsFile } from '../../analyzer/simulate/flows';

const SHOP_FLOWS = path.resolve(__dirname, '..', '..', 'examples', 'shop', '.friction', 'flows.json');

const valid = () => ({
  version: 1,
  flows: [{ name: 'checkout', start: '/', goal: { url: '/checkout/confirmation' }, maxSteps: 40, viewports: [{ width: 1280, height: 800 }] }],
});

describe('simulate: flows file validation', () => {
  it('accepts the example shop flows file (checkout: start /, URL goal, test card inputs)', () => {
    const flows = readFlowsFile(SHOP_FLOWS);
    const checkout = findFlow(flows, 'checkout', SHOP_FLOWS);
    assert.equal(checkout.start, '/');
    assert.deepEqual(checkout.goal, { url: '/checkout/confirmation' });
    assert.deepEqual(checkout.viewports, [{ width: 1280, height: 800 }]);
    assert.equal(checkout.inputs?.cardNumber, '4242 4242 4242 4242');
  });

  it('names the goal that has none of url, selector, event by its path', () => {
    const json = valid();
    (json.flows[0] as Record<string, unknown>).goal = {};
    assert.deepEqual(flowsFileProblems(json), ['flows[0].goal: needs one of url, selector, event']);
  });

  it('refuses a goal with two kinds, and a missing goal, saying which fields to give', () => {
    const two = valid();
    (two.flows[0] as Record<string, unknown>).goal = { url: '/done', selector: '#ok' };
    assert.deepEqual(flowsFileProblems(two), ['flows[0].goal: has url and selector: give exactly one of url, selector, event']);
    const missing = valid();
    delete (missing.flows[0] as Record<string, unknown>).goal;
    assert.deepEqual(flowsFileProblems(missing), ['flows[0].goal: is missing: needs one of url, selector, event']);
  });

  it('reports every problem of a file at once, each path-qualified', () => {
    const problems = flowsFileProblems({
      version: 2,
      flows: [
        { name: 'a', start: 'checkout', goal: { url: '' }, maxSteps: 0, viewports: [{ width: 10 }], inputs: { card: 4242 }, personas: { bob: 1 }, maxstep: 3 },
        { name: 'a', start: 'https://shop.example/', goal: { event: 'purchase' }, maxSteps: 5, viewports: [] },
      ],
    });
    assert.deepEqual(problems, [
      'version: must be 1, got 2',
      'flows[0].maxstep: unknown field (expected one of name, start, goal, maxSteps, viewports, inputs, personas)',
      'flows[0].start: must be a path starting with "/" or an absolute http(s) URL, got "checkout"',
      'flows[0].goal.url: must be a non-empty string, got ""',
      'flows[0].maxSteps: must be a whole number from 1 to 1000, got 0',
      'flows[0].viewports[0].width: must be a whole number from 200 to 7680, got 10',
      'flows[0].viewports[0].height: is missing (a whole number from 200 to 7680)',
      'flows[0].inputs.card: must be a string, got 4242',
      'flows[0].personas.bob: unknown persona (known: buyer, careful, impatient, visitor)',
      'flows[1].viewports: must be a non-empty array of { width, height }, got an array',
      'flows[1].name: "a" is already the name of flows[0]',
    ]);
  });

  it('throws one FlowsFileError naming the file and listing the problems', () => {
    const json = valid();
    (json.flows[0] as Record<string, unknown>).maxSteps = 'forty';
    assert.throws(
      () => parseFlowsFile(json, '.friction/flows.json'),
      (error: unknown) =>
        error instanceof FlowsFileError && error.message === '.friction/flows.json: flows[0].maxSteps: must be a whole number from 1 to 1000, got "forty"',
    );
  });

  it('says what to do about a missing file, invalid JSON and an unknown flow name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flows-'));
    try {
      assert.throws(() => readFlowsFile(path.join(dir, 'none.json')), /none\.json: no such file: create it/);
      const broken = path.join(dir, 'broken.json');
      writeFileSync(broken, '{ "version": 1, "flows": [ ');
      assert.throws(() => readFlowsFile(broken), /broken\.json: is not valid JSON/);
      assert.throws(() => findFlow(parseFlowsFile(valid()), 'signup'), /no flow named "signup" \(flows: checkout\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
