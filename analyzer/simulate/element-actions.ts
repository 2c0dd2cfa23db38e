// Acting on the element the policy chose, like a person: scroll it into view with the wheel, move the pointer
// there along a human path, check nothing covers it, press and release; for fields, click in and type (or pick an
// option) at the persona's pace. Elements are found by rrweb node id. An element that cannot be seen or reached
// is reported, not forced: the agent then asks the policy for its next choice.
import type { ElementHandle, Page } from 'playwright-core';
import type { HumanMotion } from './human-motion';
import { firstHittingPoint, inspectElement, type FieldInfo, type LiveElement } from './live-page';
import type { Persona } from './personas';

export type ClickResult = { ok: true; element: LiveElement } | { ok: false; why: 'gone' | 'hidden' | 'covered' };

/** Keep the click point this far inside the viewport's edges. */
const EDGE_PX = 4;

export class ElementActions {
  constructor(
    private readonly page: Page,
    private readonly motion: HumanMotion,
    private readonly persona: Persona,
  ) {}

  private async measure(id: number): Promise<LiveElement> {
    const element = await inspectElement(this.page, id);
    if (!element) throw new ElementGoneError();
    return element;
  }

  /** A point on the visible part of the element, checked against what the page would really hit there. */
  private async reachablePoint(id: number, element: LiveElement): Promise<{ x: number; y: number } | undefined> {
    const viewport = this.page.viewportSize() ?? { width: 1280, height: element.box.viewportHeight };
    const left = Math.max(element.box.x, EDGE_PX);
    const top = Math.max(element.box.y, EDGE_PX);
    const right = Math.min(element.box.x + element.box.width, viewport.width - EDGE_PX);
    const bottom = Math.min(element.box.y + element.box.height, viewport.height - EDGE_PX);
    if (right <= left || bottom <= top) return undefined;
    const visible = { ...element.box, x: left, y: top, width: right - left, height: bottom - top };
    // Off-centre as a hand lands, else the centre: an edge of the element may be under something else.
    const points = [this.motion.pointIn(visible, 0.3), { x: left + visible.width / 2, y: top + visible.height / 2 }];
    const hit = await firstHittingPoint(this.page, id, points);
    return hit >= 0 ? points[hit] : undefined;
  }

  /** Scroll to, move to and click element `id`. */
  async click(id: number): Promise<ClickResult> {
    try {
      let element = await this.measure(id);
      if (!element.visible) return { ok: false, why: 'hidden' };
      if (await this.motion.scrollBoxIntoView(async () => (await this.measure(id)).box, element.box)) element = await this.measure(id);
      const point = await this.reachablePoint(id, element);
      if (!point) return { ok: false, why: 'covered' };
      await this.motion.moveTo(point.x, point.y);
      await this.motion.pressAndRelease();
      return { ok: true, element };
    } catch (error) {
      if (error instanceof ElementGoneError) return { ok: false, why: 'gone' };
      throw error;
    }
  }

  /** Scroll element `id` into view if it is on the page and visible; nothing else (no pointer move, no click). */
  async bringIntoView(id: number): Promise<void> {
    try {
      const element = await this.measure(id);
      if (!element.visible) return;
      await this.motion.scrollBoxIntoView(async () => (await this.measure(id)).box, element.box);
    } catch (error) {
      if (!(error instanceof ElementGoneError)) throw error;
    }
  }

  /** Click again at the same spot `count` times with short gaps (an impatient person on a silent button). */
  async reclick(count: number, stillHere: () => boolean): Promise<void> {
    for (let i = 0; i < count && stillHere(); i++) {
      await this.motion.think(140, 380);
      await this.motion.clickAgainInPlace();
    }
  }

  /** After clicking into a field: type `text` at the persona's pace, replacing what it held. */
  async typeInto(field: FieldInfo, text: string): Promise<void> {
    await this.motion.think(150, 500);
    if (field.valueLength > 0) {
      await this.page.keyboard.press('ControlOrMeta+A');
      await this.motion.think(80, 200);
      await this.page.keyboard.press('Backspace');
      await this.motion.think(150, 400);
    }
    await this.motion.typeText(text, this.persona.typingMs, this.persona.typoRate);
  }

  /** After clicking a <select>: close the native popup and choose the option, as picking from the list does. */
  async choose(id: number, value: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.motion.think(300, 900);
    const handle = (await this.page.evaluateHandle((nodeId) => {
      const rrweb = (window as unknown as { __rrweb?: { record: { mirror: { getNode(id: number): Node | null } } } }).__rrweb;
      return rrweb?.record.mirror.getNode(nodeId) ?? null;
    }, id)) as ElementHandle<HTMLSelectElement> | null;
    const select = handle?.asElement();
    if (!select) return;
    try {
      await select.selectOption(value, { timeout: 2000 });
    } finally {
      await handle?.dispose();
    }
    await this.motion.think(200, 500);
  }
}

class ElementGoneError extends Error {
  constructor() {
    super('the element left the page');
  }
}
