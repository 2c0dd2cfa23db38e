// Browser and server plumbing for the shop example tests: one Chromium, one shop server per variant/routing.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RoutingMode } from '../../examples/shop/src/config';
import type { ShopVariant } from '../../examples/shop/build';
import { startShopServer, type ShopServer } from '../../examples/shop/server/server';
import { CHROMIUM_PATH } from '../../analyzer/simulate/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SAMPLE_CART = [{ productId: 'merino-crew', size: 'M', quantity: 1 }];

export const SHIPPING = {
  fullName: 'Ada Lovelace',
  email: 'ada@example.com',
  address: '12 Analytical Row',
  city: 'Berlin',
  postcode: '10115',
};

export class ShopHarness {
  private browser?: Browser;
  private readonly servers = new Map<string, ShopServer>();
  private readonly contexts: BrowserContext[] = [];

  async start(setups: Array<[ShopVariant, RoutingMode]>): Promise<void> {
    const [browser] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
      ...setups.map(async ([variant, routing]) => {
        this.servers.set(`${variant}/${routing}`, await startShopServer({ variant, routing, port: 0 }));
      }),
    ]);
    this.browser = browser;
  }

  url(variant: ShopVariant, routing: RoutingMode, pathname: string): string {
    const server = this.servers.get(`${variant}/${routing}`);
    if (!server) throw new Error(`no server for ${variant}/${routing}`);
    return server.url + pathname;
  }

  /** A fresh 1280x800 page; with `seedCart`, an empty cart is filled on first load so /cart shows its form. */
  async page({ seedCart = false } = {}): Promise<Page> {
    if (!this.browser) throw new Error('harness not started');
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    this.contexts.push(context);
    if (seedCart) {
      await context.addInitScript((cart) => {
        if (!localStorage.getItem('shop.cart')) localStorage.setItem('shop.cart', JSON.stringify(cart));
      }, SAMPLE_CART);
    }
    return context.newPage();
  }

  async closePages(): Promise<void> {
    await Promise.all(this.contexts.splice(0).map((context) => context.close()));
  }

  async stop(): Promise<void> {
    await this.closePages();
    await this.browser?.close();
    await Promise.all([...this.servers.values()].map((server) => server.close()));
  }
}

/** Starts counting DOM mutations on the page; the returned function reads the count so far. */
export async function watchMutations(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __mutations: number };
    w.__mutations = 0;
    new MutationObserver((records) => {
      w.__mutations += records.length;
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __mutations: number }).__mutations);
}

export async function fillShipping(page: Page, taxRef: string): Promise<void> {
  await page.fill('#fullName', SHIPPING.fullName);
  await page.fill('#email', SHIPPING.email);
  await page.fill('#address', SHIPPING.address);
  await page.fill('#city', SHIPPING.city);
  await page.fill('#postcode', SHIPPING.postcode);
  if (taxRef) await page.fill('#tax-ref', taxRef);
}

export async function fillCard(page: Page): Promise<void> {
  await page.fill('#cardName', 'Ada Lovelace');
  await page.fill('#cardNumber', '4242 4242 4242 4242');
  await page.fill('#expiry', '12/30');
  await page.fill('#cvc', '123');
}
