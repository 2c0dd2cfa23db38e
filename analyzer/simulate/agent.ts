// One synthetic user running one flow in its own browser context, recorded with rrweb in virtual time. Each step:
// rebuild the decision from the run's own recording (decision-point.ts: the training code), wait the policy's
// predicted dwell (scaled and spread by the persona), draw an action at the persona's temperature, act like a
// person (element-actions.ts), watch what the page does. The run ends at the goal, a leave, a dead end (the
// persona's patience of silent clicks), the step cap, or an error.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BACK_KEY, LEAVE_KEY } from '../features/common';
import { POLICY_CONTEXT_NAMES } from '../features/policy-steps';
import { softmax, type PolicyRunner } from '../models/policy-runner';
import { routeOf, pathOf } from '../replay/page-tracker';
import type { RouteFolder } from '../replay/route-folding';
import { currentDecision, entropyOf, sampleAction, type DecisionPoint, type SampledAction } from './decision-point';
import { ElementActions } from './element-actions';
import { FieldKnowledgeDraws, valueForField, identityFor, type PersonaIdentity } from './field-values';
import { goalEventOf, goalReached } from './flow-goal';
import { HumanMotion, POINTER_SAMPLE_RRWEB_MS } from './human-motion';
import { loadFailure, NavigationWatch, PAGE_LOAD_TIMEOUT_MS } from './navigation-watch';
import { pageHooksScript } from './page-hooks';
import { ResponsivenessWatch } from './page-responsiveness';
import { PageWatcher } from './page-watcher';
import { leaveBiasOn, PERSONAS, personaMix, type DwellKind, type Persona } from './personas';
import { ContextRecorder, type RecordedEvent } from './rrweb-injection';
import { RunEvidence } from './run-evidence';
import { SimulationRandom } from './simulation-random';
import { TAB_CLOCK_SCRIPT, TabClock } from './tab-clock';
import type { Flow, RunOutcome, RunResult, RunStep } from './types';

/** Shortest and longest wait before an action: a person needs a moment; a minute of stillness is someone gone. */
export const MIN_DWELL_MS = 250;
export const MAX_DWELL_MS = 60_000;
/** Part of the predicted dwell the pointer spends moving to the target (the dwell was measured click to click). */
const EXPECTED_MOTION_MS = 400;
/** Virtual time after the last action so rrweb flushes its batched events before the tab closes. */
const TAIL_MS = 1200;
const ACTIONS_ON_PAGE = POLICY_CONTEXT_NAMES.indexOf('ctx:actions_on_page');
/** Times a choice may turn out unreachable before the step gives up on the page. */
const MAX_UNREACHABLE = 8;
/** A page with no candidate yet is looked at again this many times, this many real ms apart. */
const RENDER_RETRIES = 10;
const RENDER_RETRY_MS = 50;

export interface AgentOptions {
  runId: string;
  flow: Flow;
  baseUrl: string;
  seed: number;
  policy: PolicyRunner;
  fold: RouteFolder;
  /** Directory the report is written to; screenshots go to its screenshots/. */
  reportDir: string;
  /** Virtual wall-clock time the run starts at (ms epoch). */
  startTime: number;
  signal?: AbortSignal;
}

/** A finished run: signals and recording are filled in once its events have been analysed and written. */
export interface AgentRun {
  result: RunResult;
  events: RecordedEvent[];
}

export class SimulationAborted extends Error {
  constructor() {
    super('simulation interrupted');
  }
}

/** What the user means to do at a decision: the policy's scores, the persona's offsets and the first draw. */
interface Plan {
  decision: DecisionPoint;
  logits: ArrayLike<number>;
  bias: ReadonlyMap<number, number>;
  first: SampledAction | undefined;
}

/** A step as decided, before it is carried out. */
type StepDraft = Omit<RunStep, 'at' | 'action' | 'reaction'>;

class Agent {
  readonly steps: RunStep[] = [];
  private readonly motion: HumanMotion;
  private readonly actions: ElementActions;
  private readonly watch: NavigationWatch;
  private readonly watcher: PageWatcher;
  private readonly responsiveness: ResponsivenessWatch;
  readonly evidence: RunEvidence;
  private readonly identity: PersonaIdentity;
  private silentClicks = 0;
  /** Steps taken when the last screenshot was: an end screenshot with none since would show the same page. */
  private stepsAtScreenshot = -1;
  private readonly knowledge: FieldKnowledgeDraws;
  private readonly clock: TabClock;

  constructor(
    private readonly page: Page,
    context: BrowserContext,
    private readonly recorder: ContextRecorder,
    private readonly options: AgentOptions,
    private readonly random: SimulationRandom,
    readonly persona: Persona,
  ) {
    this.watch = new NavigationWatch(page);
    this.clock = new TabClock({
      evaluate: (expression) => recorder.evaluateThenFlush(page, expression),
      fallback: context.clock,
      start: options.startTime,
      navigating: () => this.watch.inFlight(),
    });
    this.motion = new HumanMotion(page, this.clock, random, options.startTime, POINTER_SAMPLE_RRWEB_MS, () => recorder.attachPage(page));
    this.actions = new ElementActions(page, this.motion, persona);
    // A frozen page is let go of by closing the context: every call waiting on it returns, and the run ends.
    this.responsiveness = new ResponsivenessWatch(page, () => this.watch.unansweredUrl(), () => void context.close().catch(() => undefined));
    this.watcher = new PageWatcher(page, recorder, this.motion, this.watch);
    this.evidence = new RunEvidence(page, new URL(options.baseUrl).origin, () => this.route(), options.reportDir, options.runId, () => recorder.attachPage(page));
    this.identity = identityFor(random);
    this.knowledge = new FieldKnowledgeDraws(options.flow.inputs, options.policy.priors.fieldKnowledge, random);
  }

  get now(): number {
    return this.motion.now;
  }

  route(): string {
    return this.options.fold(routeOf(pathOf(this.page.url())));
  }

  private checkAborted(): void {
    if (this.options.signal?.aborted) throw new SimulationAborted();
    // Closed under us (the page froze and the responsiveness watch let go of it): nothing left to act on.
    if (this.page.isClosed()) throw new Error('the page was closed');
  }

  /** The decision on the page as recorded; `delivered`: the page has just sent what it recorded. */
  private async decide(delivered = false): Promise<DecisionPoint | undefined> {
    let decision: DecisionPoint | undefined;
    // React may render the page a moment after `load`: give it a few real milliseconds to show candidates.
    for (let attempt = 0; attempt < RENDER_RETRIES; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RENDER_RETRY_MS));
      if (attempt > 0 || !delivered) await this.watcher.flush();
      decision = currentDecision(this.recorder.sorted(), this.options.policy.priors, this.options.fold, this.options.runId);
      if (decision && decision.nodeIds.length > 0) break;
    }
    return decision;
  }

  private async dwellFor(decision: DecisionPoint): Promise<number> {
    const predicted = await this.options.policy.predictDwellMs(decision.context);
    const kind: DwellKind = this.steps.length === 0 ? 'first' : decision.context[ACTIONS_ON_PAGE] === 0 ? 'arrival' : 'onPage';
    const dwell = predicted * this.persona.dwellFactor[kind] * this.random.logNormalFactor(this.persona.dwellSpread);
    return Math.min(MAX_DWELL_MS, Math.max(MIN_DWELL_MS, dwell));
  }

  private async afterNavigation(): Promise<void> {
    await this.watch.settle();
    await this.motion.think(150, 400);
    await this.screenshot('page');
  }

  private async screenshot(label: string): Promise<void> {
    await this.evidence.screenshot(label);
    this.stepsAtScreenshot = this.steps.length;
  }

  /** The policy's scores for `decision` and a first draw from them at the persona's temperature and offsets. */
  private async plan(decision: DecisionPoint): Promise<Plan> {
    const logits = await this.options.policy.logits(decision.candidates);
    const bias = new Map([
      [decision.keys.indexOf(LEAVE_KEY), leaveBiasOn(this.persona, decision.route)],
      [decision.keys.indexOf(BACK_KEY), this.persona.backBias],
    ]);
    return { decision, logits, bias, first: sampleAction(logits, this.persona.temperature, this.random, new Set(), bias) };
  }

  /**
   * Scroll the planned element into view while waiting, as people scroll towards what they are about to use: the
   * dwell head learned click-to-click times that include that scrolling.
   */
  private async approach(plan: Plan): Promise<void> {
    const id = plan.first && plan.decision.nodeIds[plan.first.index];
    if (id !== undefined) await this.actions.bringIntoView(id);
  }

  /**
   * Draw actions (the plan's first draw first) until one can be carried out, then carry it out; 'navigated' when
   * the page moved on by itself before anything was done (the decision is stale).
   */
  private async act(plan: Plan, wait: Pick<RunStep, 'dwellMs' | 'idleMs'>, decidedAt: number): Promise<RunStep | 'navigated'> {
    if (this.watch.movedSince(decidedAt)) return 'navigated';
    const { decision, logits, bias } = plan;
    const entropy = entropyOf(softmax(logits));
    const exclude = new Set<number>();
    const base = { index: this.steps.length, route: decision.route, entropy, ...wait, candidates: decision.keys.length };
    let planned = plan.first;
    while (true) {
      const choice = planned ?? (exclude.size < MAX_UNREACHABLE ? sampleAction(logits, this.persona.temperature, this.random, exclude, bias) : undefined);
      planned = undefined;
      const step: StepDraft = { ...base, ...(exclude.size > 0 ? { unreachable: true } : {}), probability: choice?.probability ?? 0 };
      // Nothing on the page can be reached: the person gives up on it.
      if (!choice) return this.leave(step);
      const key = decision.keys[choice.index];
      if (key === LEAVE_KEY) return this.leave({ ...step, fingerprint: key });
      if (key === BACK_KEY) return this.back({ ...step, fingerprint: key });
      const done = await this.useElement(decision.nodeIds[choice.index], { ...step, fingerprint: key }, decidedAt);
      if (done !== 'unreachable') return done;
      exclude.add(choice.index);
    }
  }

  private async leave(step: StepDraft): Promise<RunStep> {
    const at = this.now - this.options.startTime;
    // Off the page towards the tab bar, as a person closing the tab does (the recording sees the last wait).
    await this.motion.moveTo(this.random.between(0.2, 0.9) * (this.page.viewportSize()?.width ?? 1280), 1);
    return { ...step, at, action: 'leave', reaction: 'none' };
  }

  private async back(step: StepDraft): Promise<RunStep> {
    const mark = this.watch.mark();
    // Up to the browser's back button first.
    await this.motion.moveTo(this.random.between(10, 60), 1);
    const at = this.now - this.options.startTime;
    await this.page.goBack({ waitUntil: 'commit', timeout: PAGE_LOAD_TIMEOUT_MS }).catch(() => null);
    return { ...step, at, action: 'back', reaction: this.watch.movedSince(mark) ? 'navigation' : 'none' };
  }

  /** Click the element (and fill it, for a field) and watch the page's reaction; re-click when impatient. */
  private async useElement(id: number, step: StepDraft, decidedAt: number): Promise<RunStep | 'navigated' | 'unreachable'> {
    const mark = this.watch.mark();
    const eventsAt = await this.watcher.eventMark();
    const click = await this.actions.click(id).catch((error: Error) => {
      if (this.watch.movedSince(decidedAt) || /context was destroyed|navigat/i.test(error.message)) return 'navigated' as const;
      throw error;
    });
    if (click === 'navigated' || (!click.ok && this.watch.movedSince(decidedAt))) return 'navigated';
    if (!click.ok) return 'unreachable';
    const at = this.now - this.options.startTime;
    const field = click.element.field;
    let action: RunStep['action'] = 'click';
    if (field && !click.element.disabled) {
      const fill = valueForField(field, this.knowledge.inputsFor(field, step.route, step.fingerprint), this.identity, this.random);
      if (fill.value !== undefined) {
        if (field.tag === 'select') await this.actions.choose(id, fill.value);
        else await this.actions.typeInto(field, fill.value);
        action = 'type';
      }
    }
    let reaction = await this.watcher.reaction(eventsAt, mark, this.persona.reactionWaitMs);
    if (reaction === 'none' && !field && this.persona.reclicks) {
      await this.actions.reclick(this.random.int(...this.persona.reclicks), () => !this.watch.movedSince(mark));
      reaction = await this.watcher.reaction(eventsAt, mark, this.persona.reactionWaitMs);
    }
    // Typing into a field is an answer of sorts; a click nothing reacts to brings the dead end closer.
    this.silentClicks = reaction === 'none' && !field ? this.silentClicks + 1 : 0;
    return { ...step, at, action, reaction };
  }

  /** At the goal? Called right after the page delivered what it recorded (a clock advance or a flush did). */
  private reached(): Promise<boolean> {
    return goalReached(this.page, this.options.flow.goal, this.recorder.events);
  }

  private async loop(): Promise<RunOutcome> {
    const { flow, baseUrl } = this.options;
    const origin = new URL(baseUrl).origin;
    const start = new URL(flow.start, baseUrl).href;
    await this.page.goto(start, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS }).catch((error: unknown) => {
      throw loadFailure(`the start page ${start}`, error);
    });
    await this.motion.think(150, 400);
    await this.screenshot('start');
    while (true) {
      this.checkAborted();
      // One round trip: the page delivers what it recorded and says whether it is busy.
      const busy = await this.watcher.looksBusy();
      if (await this.reached()) return 'success';
      if (new URL(this.page.url()).origin !== origin) return 'left';
      if (this.steps.length >= flow.maxSteps) return 'cap';
      if (this.silentClicks >= this.persona.patience) return 'dead_end';
      if (await this.watcher.waitWhileBusy(this.persona.busyPatienceMs, busy)) {
        await this.afterNavigation();
        continue;
      }
      const decidedAt = this.watch.mark();
      // Delivered by the busy question, or by the last clock step of the wait.
      let decision = await this.decide(true);
      if (!decision) throw new Error(`nothing was recorded on ${this.page.url()}: rrweb did not start on the page`);
      const dwell = await this.dwellFor(decision);
      let plan = await this.plan(decision);
      await this.approach(plan);
      const eventsAt = await this.watcher.eventMark();
      const idle = Math.max(0, decision.since + dwell - this.now - EXPECTED_MOTION_MS);
      if (this.watch.movedSince(decidedAt) || (await this.watcher.waitUnlessNavigated(idle))) {
        await this.afterNavigation();
        continue;
      }
      // The wait's clock advances (or, with no wait, the mark) delivered what the page recorded meanwhile.
      // The page may have moved on by itself (a payment completing): the goal first.
      if (await this.reached()) return 'success';
      // The page changed while the user waited (a timer, a late render): decide on what is there now.
      if (this.watcher.domChangedSince(eventsAt)) {
        decision = (await this.decide()) ?? decision;
        plan = await this.plan(decision);
      }
      const step = await this.act(plan, { dwellMs: Math.round(dwell), idleMs: Math.round(idle) }, decidedAt);
      if (step === 'navigated') {
        await this.afterNavigation();
        continue;
      }
      this.steps.push(step);
      if (step.action === 'leave') return 'left';
      if (step.action === 'back' && step.reaction === 'none') return 'left';
      if (step.reaction === 'navigation') await this.afterNavigation();
    }
  }

  async run(): Promise<{ outcome: RunOutcome; failure?: string }> {
    this.responsiveness.start();
    try {
      let result: { outcome: RunOutcome; failure?: string };
      try {
        result = { outcome: await this.loop() };
      } catch (error) {
        if (error instanceof SimulationAborted) throw error;
        // When the page froze, whatever call gave up first says less than the watch does.
        result = { outcome: 'error', failure: this.responsiveness.reason ?? (error as Error).message.split('\n')[0] };
      }
      if (this.steps.length !== this.stepsAtScreenshot || result.outcome === 'error') await this.screenshot('end');
      try {
        await this.motion.pause(TAIL_MS);
        await this.watcher.flush();
      } catch {
        // The page may be gone (a crash is already the run's outcome).
      }
      return result;
    } finally {
      this.responsiveness.stop();
    }
  }
}

/** Run one synthetic user through `options.flow` in a fresh context of `browser`; the context is always closed. */
export async function runAgent(browser: Browser, options: AgentOptions): Promise<AgentRun> {
  const random = new SimulationRandom(options.seed);
  const persona = PERSONAS[random.weighted(personaMix(options.flow.personas))];
  const viewport = random.pick(options.flow.viewports);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-GB' });
  try {
    // The clock must be in place before rrweb loads, or rrweb keeps the real Date.now (RECIPES.md).
    await context.clock.install({ time: options.startTime - 1000 });
    await context.clock.pauseAt(options.startTime);
    await context.addInitScript({ content: TAB_CLOCK_SCRIPT });
    const recorder = await ContextRecorder.attach(context);
    await context.addInitScript({ content: pageHooksScript(goalEventOf(options.flow.goal)) });
    const page = await context.newPage();
    await recorder.attachPage(page);
    // One tab per user: pages opened by the app (target=_blank) are closed; dialogs are read and accepted.
    context.on('page', (other) => void (other !== page && other.close().catch(() => undefined)));
    page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
    const agent = new Agent(page, context, recorder, options, random, persona);
    const { outcome, failure } = await agent.run();
    const result: RunResult = {
      id: options.runId,
      flow: options.flow.name,
      persona: persona.name,
      seed: options.seed,
      viewport,
      outcome,
      steps: agent.steps,
      durationMs: agent.now - options.startTime,
      errors: agent.evidence.errors,
      signals: [],
      recording: '',
      screenshots: agent.evidence.screenshots,
      ...(failure ? { failure } : {}),
    };
    return { result, events: recorder.sorted() };
  } finally {
    await context.close().catch(() => undefined);
  }
}
