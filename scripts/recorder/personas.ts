// Personas: seeded scripts of how different shoppers move through the shop. They behave, they do not label:
// ground truth is derived afterwards from what they did (truth.ts) and what the live page did.
import type { Actor } from './actor';

export type PersonaName = 'buyer' | 'browser' | 'impatient' | 'careful' | 'lost';

export const PERSONA_WEIGHTS: Record<PersonaName, number> = { buyer: 32, browser: 22, impatient: 16, careful: 15, lost: 15 };

export const PRODUCT_IDS = ['merino-crew', 'canvas-jacket', 'oxford-shirt', 'selvedge-jeans', 'linen-tee', 'field-chinos', 'rain-shell', 'wool-beanie'];

export const SEL = {
  productLink: (id: string) => `[data-testid="product-card-${id}"] a`,
  logo: 'a.logo',
  deadBadge: 'span.pill--returns',
  sizeGuide: 'a.size-guide-link',
  size: '#size',
  addToCart: '#add-to-cart',
  coupon: '#coupon-code',
  applyCoupon: 'button[aria-label="Apply coupon"]',
  checkout: '[data-testid="checkout"]',
  shippingForm: '#shipping-form',
  shippingSubmit: '#shipping-form button[type="submit"]',
  taxRef: '#tax-ref',
  paymentForm: '#payment-form',
  pay: '[data-testid="pay-now"]',
} as const;

/** Ordinary pauses stay under 4.5 s; deliberate hesitations are 7 s or more, so the two never blur. */
const HESITATION: [number, number] = [7000, 12000];
/** The shop's payment takes 4 s (examples/shop/src/pages/Payment.tsx); shoppers wait a little longer. */
const GATEWAY_WAIT_MS = 4200;

interface Traits {
  /** Pause range between ordinary actions. */
  pace: [number, number];
  typing: [number, number];
  /** Chance to scroll up and down searching for the buy button instead of scrolling straight to it. */
  searchScroll: number;
  clickDeadBadge: number;
  openSizeGuide: number;
  tryCoupon: number;
  rage: boolean;
  /** Chance the tax reference field defeats them. */
  taxConfusion: number;
  hesitateOnTax: number;
}

const TRAITS: Record<Exclude<PersonaName, 'browser' | 'lost'>, Traits> = {
  buyer: { pace: [600, 2200], typing: [60, 150], searchScroll: 0.3, clickDeadBadge: 0.15, openSizeGuide: 0.2, tryCoupon: 0.35, rage: false, taxConfusion: 0.3, hesitateOnTax: 0.3 },
  impatient: { pace: [300, 1100], typing: [40, 110], searchScroll: 0.55, clickDeadBadge: 0.35, openSizeGuide: 0.15, tryCoupon: 0.3, rage: true, taxConfusion: 0.3, hesitateOnTax: 0.1 },
  careful: { pace: [1200, 3000], typing: [180, 420], searchScroll: 0.2, clickDeadBadge: 0.2, openSizeGuide: 0.45, tryCoupon: 0.25, rage: false, taxConfusion: 0.45, hesitateOnTax: 0.7 },
};

export interface PersonaResult {
  converted: boolean;
}

async function think(actor: Actor, t: Traits): Promise<void> {
  await actor.think(t.pace[0], t.pace[1]);
}

async function readCatalogueAndPick(actor: Actor, t: Traits): Promise<string> {
  await think(actor, t);
  if (actor.rng.chance(0.5)) {
    await actor.scrollBy(actor.rng.between(200, 600));
    await think(actor, t);
  }
  const id = actor.rng.pick(PRODUCT_IDS);
  await actor.clickAndLoad(SEL.productLink(id), { navigatesTo: '/product/:id' });
  return id;
}

/** Visit the size guide and come straight back: the dead end the shop planted. */
async function quickBackToSizeGuide(actor: Actor): Promise<void> {
  await actor.clickAndLoad(SEL.sizeGuide, { navigatesTo: '/size-guide' });
  await actor.think(900, 3000);
  await actor.back();
}

async function poke(actor: Actor, selector: string): Promise<void> {
  await actor.click(selector);
  await actor.think(1200, 2500);
}

/** Find the buy button: straight down, or scrolling up and down looking for it (excessive scrolling). */
async function findAndAddToCart(actor: Actor, t: Traits): Promise<void> {
  if (actor.rng.chance(t.searchScroll)) {
    actor.record('search_scroll', { selector: SEL.addToCart });
    const legs = actor.rng.int(2, 3);
    for (let i = 0; i < legs; i++) {
      await actor.scrollBy(actor.rng.between(900, 1600));
      await actor.think(300, 900);
      await actor.scrollBy(-actor.rng.between(500, 1100));
      await actor.think(300, 900);
    }
  }
  await actor.scrollIntoView(SEL.addToCart);
  await actor.think(300, 1200);
  await actor.clickAndLoad(SEL.addToCart, { navigatesTo: '/cart' });
}

async function productPage(actor: Actor, t: Traits): Promise<void> {
  await think(actor, t);
  if (actor.rng.chance(t.clickDeadBadge)) {
    await poke(actor, SEL.deadBadge);
    if (actor.rng.chance(0.4)) await poke(actor, SEL.deadBadge);
  }
  if (actor.rng.chance(t.openSizeGuide)) await quickBackToSizeGuide(actor);
  if (actor.rng.chance(0.5)) await actor.select(SEL.size, actor.rng.pick(['S', 'M', 'L', 'XL']));
  await findAndAddToCart(actor, t);
}

async function cartPage(actor: Actor, t: Traits): Promise<void> {
  await think(actor, t);
  if (actor.rng.chance(t.tryCoupon)) {
    await actor.type(SEL.coupon, actor.rng.pick(['WELCOME10', 'SAVE15', 'FREESHIP', 'BLACKFRIDAY']), undefined, t.typing);
    await actor.think(300, 900);
    await actor.click(SEL.applyCoupon);
    await think(actor, t);
  }
  await actor.clickAndLoad(SEL.checkout, { navigatesTo: '/checkout/shipping' });
}

const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra'];

/** Returns false when the shopper gives up on the form. */
async function shippingPage(actor: Actor, t: Traits): Promise<boolean> {
  const form = SEL.shippingForm;
  await think(actor, t);
  await actor.type('#fullName', actor.rng.pick(NAMES), form, t.typing);
  await actor.think(300, 1200);
  await actor.type('#email', `shopper${actor.rng.int(1, 999)}@example.com`, form, t.typing);
  await actor.think(300, 1200);
  await actor.type('#address', `${actor.rng.int(1, 200)} Market Street`, form, t.typing);
  await actor.think(300, 1200);
  await actor.type('#city', actor.rng.pick(['Berlin', 'Paris', 'Utrecht', 'Dublin']), form, t.typing);
  await actor.think(300, 1200);
  await actor.type('#postcode', String(actor.rng.int(10000, 99999)), form, t.typing);
  await actor.think(300, 1200);
  if (actor.rng.chance(t.hesitateOnTax)) await actor.think(...HESITATION);
  const confused = actor.rng.chance(t.taxConfusion);
  if (!confused) {
    await actor.type(SEL.taxRef, 'GB12-3456-K', form, t.typing);
    await actor.think(300, 1000);
    await actor.clickAndLoad(SEL.shippingSubmit, { submits: form, navigatesTo: '/checkout/payment' });
    return true;
  }
  await actor.type(SEL.taxRef, actor.rng.pick(['12345678', 'DE 123', 'n/a', 'GB123456']), form, t.typing);
  await actor.think(300, 1000);
  await actor.click(SEL.shippingSubmit, { note: 'invalid form' });
  await actor.think(1500, 3500);
  if (actor.rng.chance(0.5)) {
    // One more try: clear the field and guess again, still wrong.
    await actor.click(SEL.taxRef, { form });
    await actor.page.keyboard.press('Control+A');
    await actor.page.keyboard.press('Backspace');
    await actor.type(SEL.taxRef, actor.rng.pick(['GB-1234', '0000', 'TAX123']), form, t.typing);
    await actor.think(500, 1500);
    await actor.click(SEL.shippingSubmit, { note: 'invalid form' });
    await actor.think(1500, 3500);
  }
  return false;
}

async function paymentPage(actor: Actor, t: Traits): Promise<void> {
  const form = SEL.paymentForm;
  await think(actor, t);
  await actor.type('#cardName', actor.rng.pick(NAMES), form, t.typing);
  await actor.think(300, 1000);
  await actor.type('#cardNumber', '4242 4242 4242 4242', form, t.typing);
  await actor.think(300, 1000);
  await actor.type('#expiry', `0${actor.rng.int(1, 9)}/${actor.rng.int(27, 31)}`, form, t.typing);
  await actor.think(300, 1000);
  await actor.type('#cvc', String(actor.rng.int(100, 999)), form, t.typing);
  await actor.think(400, 1200);
  // The gateway answers after 4 s with no pending state; the page navigates by itself. Advance virtual time
  // past that in one step so the next page loads at a deterministic virtual moment.
  const loaded = actor.nextPage(20_000);
  await actor.click(SEL.pay, { submits: form, navigatesTo: '/checkout/confirmation' });
  const clickedAt = actor.now;
  if (t.rage) {
    await actor.think(250, 700);
    const burst = actor.rng.int(3, 5);
    for (let i = 0; i < burst; i++) await actor.clickAgain(SEL.pay, actor.rng.between(140, 380), { note: 'rage' });
  }
  await actor.pause(Math.max(0, clickedAt + GATEWAY_WAIT_MS - actor.now));
  await loaded;
  actor.record('goto');
  await actor.pause(actor.rng.between(150, 400));
}

async function checkout(actor: Actor, t: Traits, name: PersonaName): Promise<PersonaResult> {
  await cartPage(actor, t);
  if (!(await shippingPage(actor, t))) return { converted: false };
  if (name === 'buyer' && actor.rng.chance(0.06)) {
    // Second thoughts at the payment step: starts the card form, then leaves.
    await think(actor, t);
    await actor.type('#cardName', actor.rng.pick(NAMES), SEL.paymentForm, t.typing);
    await actor.think(1000, 3000);
    return { converted: false };
  }
  await paymentPage(actor, t);
  await actor.think(1000, 2500);
  return { converted: true };
}

async function shopper(actor: Actor, name: Exclude<PersonaName, 'browser' | 'lost'>): Promise<PersonaResult> {
  const t = TRAITS[name];
  await actor.goto('/');
  await readCatalogueAndPick(actor, t);
  await productPage(actor, t);
  if (actor.rng.chance(0.12)) {
    await think(actor, t);
    return { converted: false };
  }
  return checkout(actor, t, name);
}

/** Window-shops a few products, never buys. */
async function browser(actor: Actor): Promise<PersonaResult> {
  const t: Traits = { ...TRAITS.buyer, pace: [800, 3000] };
  await actor.goto('/');
  const visits = actor.rng.int(1, 4);
  for (let i = 0; i < visits; i++) {
    await readCatalogueAndPick(actor, t);
    await think(actor, t);
    if (actor.rng.chance(0.15)) await quickBackToSizeGuide(actor);
    if (actor.rng.chance(0.6)) await actor.scrollBy(actor.rng.between(600, 1800));
    // Reading long enough that going back is not a quick back.
    await actor.think(7000, 11000);
    if (i < visits - 1) {
      if (actor.rng.chance(0.5)) await actor.back();
      else await actor.clickAndLoad(SEL.logo, { navigatesTo: '/' });
    }
  }
  return { converted: false };
}

/** Gets lost: cursor thrashing, long hesitations, dead ends, usually leaves. */
async function lost(actor: Actor): Promise<PersonaResult> {
  const t: Traits = { ...TRAITS.careful, pace: [800, 2500], searchScroll: 0.6, clickDeadBadge: 0.6, openSizeGuide: 0.5 };
  await actor.goto('/');
  await actor.think(500, 1500);
  await actor.thrash();
  await actor.think(...HESITATION);
  await readCatalogueAndPick(actor, t);
  await think(actor, t);
  if (actor.rng.chance(0.6)) {
    await actor.thrash();
    await actor.think(600, 1500);
  }
  if (actor.rng.chance(t.clickDeadBadge)) await poke(actor, SEL.deadBadge);
  if (actor.rng.chance(t.openSizeGuide)) await quickBackToSizeGuide(actor);
  if (actor.rng.chance(0.35)) {
    await findAndAddToCart(actor, t);
    return checkout(actor, t, 'careful');
  }
  await actor.think(1000, 3000);
  return { converted: false };
}

export async function runPersona(name: PersonaName, actor: Actor): Promise<PersonaResult> {
  switch (name) {
    case 'buyer':
    case 'impatient':
    case 'careful':
      return shopper(actor, name);
    case 'browser':
      return browser(actor);
    case 'lost':
      return lost(actor);
    default: {
      const never: never = name;
      return never;
    }
  }
}
