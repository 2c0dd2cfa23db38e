// The flows file (.friction/flows.json): read, validate by hand with path-qualified messages that say what to fix
// ("flows[0].goal: needs one of url, selector, event"), and pick a flow by name. Every problem is reported at once.
import { readFileSync } from 'node:fs';
import { PERSONA_NAMES, isPersonaName } from './personas';
import type { Flow, FlowGoal, FlowsFile } from './types';

export const DEFAULT_FLOWS_FILE = '.friction/flows.json';

/** Bounds that catch typos (maxSteps: 4000) without getting in a real flow's way. */
export const MAX_STEPS_LIMIT = 1000;
export const VIEWPORT_LIMITS = { min: 200, max: 7680 } as const;

export class FlowsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`}`);
  }
}

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: Json): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : String(value));

const FLOW_FIELDS = ['name', 'start', 'goal', 'maxSteps', 'viewports', 'inputs', 'personas'];
const GOAL_FIELDS = ['url', 'selector', 'event'] as const;

class Checker {
  readonly problems: string[] = [];

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  unknownFields(value: Record<string, Json>, known: readonly string[], path: string): void {
    for (const key of Object.keys(value)) if (!known.includes(key)) this.fail(`${path}.${key}`, `unknown field (expected one of ${known.join(', ')})`);
  }

  text(value: Json, path: string): value is string {
    if (typeof value === 'string' && value.trim() !== '') return true;
    this.fail(path, value === undefined ? 'is missing (a non-empty string)' : `must be a non-empty string, got ${describe(value)}`);
    return false;
  }

  integer(value: Json, path: string, min: number, max: number): value is number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
    this.fail(path, value === undefined ? `is missing (a whole number from ${min} to ${max})` : `must be a whole number from ${min} to ${max}, got ${describe(value)}`);
    return false;
  }
}

function checkStart(c: Checker, value: Json, path: string): void {
  if (!c.text(value, path)) return;
  if (value.startsWith('/')) return;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') c.fail(path, `must be a path ("/checkout") or an http(s) URL, got ${describe(value)}`);
  } catch {
    c.fail(path, `must be a path starting with "/" or an absolute http(s) URL, got ${describe(value)}`);
  }
}

function checkGoal(c: Checker, value: Json, path: string): void {
  if (!isObject(value)) {
    c.fail(path, value === undefined ? 'is missing: needs one of url, selector, event' : `must be an object with one of url, selector, event, got ${describe(value)}`);
    return;
  }
  c.unknownFields(value, GOAL_FIELDS, path);
  const given = GOAL_FIELDS.filter((k) => value[k] !== undefined);
  if (given.length === 0) return c.fail(path, 'needs one of url, selector, event');
  if (given.length > 1) return c.fail(path, `has ${given.join(' and ')}: give exactly one of url, selector, event`);
  c.text(value[given[0]], `${path}.${given[0]}`);
}

function checkViewports(c: Checker, value: Json, path: string): void {
  if (!Array.isArray(value) || value.length === 0) {
    c.fail(path, value === undefined ? 'is missing (e.g. [{ "width": 1280, "height": 800 }])' : `must be a non-empty array of { width, height }, got ${describe(value)}`);
    return;
  }
  value.forEach((viewport, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(viewport)) return c.fail(at, `must be { width, height }, got ${describe(viewport)}`);
    c.unknownFields(viewport, ['width', 'height'], at);
    c.integer(viewport.width, `${at}.width`, VIEWPORT_LIMITS.min, VIEWPORT_LIMITS.max);
    c.integer(viewport.height, `${at}.height`, VIEWPORT_LIMITS.min, VIEWPORT_LIMITS.max);
  });
}

function checkInputs(c: Checker, value: Json, path: string): void {
  if (value === undefined) return;
  if (!isObject(value)) return c.fail(path, `must be an object of field name -> text, got ${describe(value)}`);
  for (const [key, text] of Object.entries(value)) if (typeof text !== 'string') c.fail(`${path}.${key}`, `must be a string, got ${describe(text)}`);
}

function checkPersonas(c: Checker, value: Json, path: string): void {
  if (value === undefined) return;
  if (!isObject(value)) return c.fail(path, `must be an object of persona -> weight, got ${describe(value)}`);
  let total = 0;
  for (const [name, weight] of Object.entries(value)) {
    if (!isPersonaName(name)) c.fail(`${path}.${name}`, `unknown persona (known: ${PERSONA_NAMES.join(', ')})`);
    else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) c.fail(`${path}.${name}`, `weight must be a number >= 0, got ${describe(weight)}`);
    else total += weight;
  }
  if (Object.keys(value).length > 0 && total === 0 && c.problems.every((p) => !p.startsWith(path))) c.fail(path, 'needs at least one persona with a weight above 0');
}

function checkApp(c: Checker, value: Json, path: string): void {
  if (value === undefined) return;
  if (!isObject(value)) return c.fail(path, `must be { "command": "... {src} ... {port}", "url": "http://127.0.0.1:{port}" }, got ${describe(value)}`);
  c.unknownFields(value, ['command', 'url', 'cwd'], path);
  if (c.text(value.command, `${path}.command`) && !value.command.includes('{port}')) c.fail(`${path}.command`, 'must contain {port}: the app is started on a free port');
  if (c.text(value.url, `${path}.url`) && !/^https?:\/\/.*\{port\}/.test(value.url)) c.fail(`${path}.url`, 'must be an http(s) URL containing {port}, e.g. "http://127.0.0.1:{port}"');
  if (value.cwd !== undefined) c.text(value.cwd, `${path}.cwd`);
}

function checkFlow(c: Checker, value: Json, path: string): void {
  if (!isObject(value)) return c.fail(path, `must be an object, got ${describe(value)}`);
  c.unknownFields(value, FLOW_FIELDS, path);
  c.text(value.name, `${path}.name`);
  checkStart(c, value.start, `${path}.start`);
  checkGoal(c, value.goal, `${path}.goal`);
  c.integer(value.maxSteps, `${path}.maxSteps`, 1, MAX_STEPS_LIMIT);
  checkViewports(c, value.viewports, `${path}.viewports`);
  checkInputs(c, value.inputs, `${path}.inputs`);
  checkPersonas(c, value.personas, `${path}.personas`);
}

/** Problems of a parsed flows file (empty when valid), each prefixed with the JSON path of the culprit. */
export function flowsFileProblems(json: Json): string[] {
  const c = new Checker();
  if (!isObject(json)) {
    c.fail('(root)', `must be an object { "version": 1, "flows": [...] }, got ${describe(json)}`);
    return c.problems;
  }
  c.unknownFields(json, ['version', 'flows', 'app', '$schema'], '(root)');
  checkApp(c, json.app, 'app');
  if (json.version !== 1) c.fail('version', json.version === undefined ? 'is missing (must be 1)' : `must be 1, got ${describe(json.version)}`);
  if (!Array.isArray(json.flows)) {
    c.fail('flows', json.flows === undefined ? 'is missing (an array of flows)' : `must be an array of flows, got ${describe(json.flows)}`);
    return c.problems;
  }
  if (json.flows.length === 0) c.fail('flows', 'is empty: add at least one flow');
  json.flows.forEach((flow, i) => checkFlow(c, flow, `flows[${i}]`));
  const seen = new Map<string, number>();
  json.flows.forEach((flow, i) => {
    const name = isObject(flow) && typeof flow.name === 'string' ? flow.name : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first !== undefined) c.fail(`flows[${i}].name`, `"${name}" is already the name of flows[${first}]`);
    else seen.set(name, i);
  });
  return c.problems;
}

/** Validate parsed JSON as a FlowsFile; `file` names it in the error. */
export function parseFlowsFile(json: Json, file = DEFAULT_FLOWS_FILE): FlowsFile {
  const problems = flowsFileProblems(json);
  if (problems.length > 0) throw new FlowsFileError(file, problems);
  return json as FlowsFile;
}

export function readFlowsFile(file: string): FlowsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FlowsFileError(file, [code === 'ENOENT' ? 'no such file: create it (see examples/shop/.friction/flows.json) or pass --flows <file>' : (error as Error).message]);
  }
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FlowsFileError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return parseFlowsFile(json, file);
}

export function findFlow(flows: FlowsFile, name: string, file = DEFAULT_FLOWS_FILE): Flow {
  const flow = flows.flows.find((f) => f.name === name);
  if (!flow) throw new FlowsFileError(file, [`no flow named "${name}" (flows: ${flows.flows.map((f) => f.name).join(', ')})`]);
  return flow;
}

/** The goal in words, for reports: "url contains /checkout/confirmation". */
export function describeGoal(goal: FlowGoal): string {
  if ('url' in goal) return `URL contains ${goal.url}`;
  if ('selector' in goal) return `${goal.selector} visible`;
  return `event ${goal.event}`;
}
