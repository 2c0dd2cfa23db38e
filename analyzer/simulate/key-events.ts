// The CDP key events of one key on a US keyboard, as Playwright's keyboard sends them (its layout is internal to
// it): a synthetic user sends a key's press and release in one go on its own CDP session, and the time after the
// key with them, where Playwright's keyboard.type waits for each in turn. Printable ASCII and Backspace only: other
// characters Playwright types as text, and the callers go its way for those.
import type { Protocol } from 'playwright-core/types/protocol';

type KeyEvent = Protocol.Input.dispatchKeyEventParameters;

/** Shifted and unshifted characters on the same physical key, with its code and Windows virtual key code. */
const PUNCTUATION: [string, string, string, number][] = [
  ['`', '~', 'Backquote', 192],
  ['-', '_', 'Minus', 189],
  ['=', '+', 'Equal', 187],
  ['[', '{', 'BracketLeft', 219],
  [']', '}', 'BracketRight', 221],
  ['\\', '|', 'Backslash', 220],
  [';', ':', 'Semicolon', 186],
  ["'", '"', 'Quote', 222],
  [',', '<', 'Comma', 188],
  ['.', '>', 'Period', 190],
  ['/', '?', 'Slash', 191],
];
/** The digit row's shifted characters, from 0 to 9. */
const SHIFTED_DIGITS = ')!@#$%^&*(';

function physicalKey(char: string): { code: string; keyCode: number } | undefined {
  if (/^[a-z]$/i.test(char)) return { code: `Key${char.toUpperCase()}`, keyCode: char.toUpperCase().charCodeAt(0) };
  if (/^[0-9]$/.test(char)) return { code: `Digit${char}`, keyCode: char.charCodeAt(0) };
  const shiftedDigit = SHIFTED_DIGITS.indexOf(char);
  if (shiftedDigit >= 0) return { code: `Digit${shiftedDigit}`, keyCode: 48 + shiftedDigit };
  if (char === ' ') return { code: 'Space', keyCode: 32 };
  const row = PUNCTUATION.find(([plain, shifted]) => char === plain || char === shifted);
  return row && { code: row[2], keyCode: row[3] };
}

/**
 * keyDown and keyUp for `key` (one printable ASCII character, or 'Backspace'), with no modifier held; undefined for
 * anything else.
 */
export function keyEventsOf(key: string): { down: KeyEvent; up: KeyEvent } | undefined {
  if (key === 'Backspace') {
    const base = { key, code: key, windowsVirtualKeyCode: 8, modifiers: 0, location: 0 };
    return { down: { type: 'rawKeyDown', ...base, autoRepeat: false, isKeypad: false }, up: { type: 'keyUp', ...base, isKeypad: false } };
  }
  const physical = key.length === 1 ? physicalKey(key) : undefined;
  if (!physical) return undefined;
  const base = { key, code: physical.code, windowsVirtualKeyCode: physical.keyCode, modifiers: 0, location: 0 };
  return {
    down: { type: 'keyDown', ...base, text: key, unmodifiedText: key, autoRepeat: false, isKeypad: false },
    up: { type: 'keyUp', ...base, isKeypad: false },
  };
}
