// End-to-end checks that the example shop really exhibits (friction build) or avoids (fixed build) each planted friction.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildShop } from '../../examples/shop/build';
import type { RoutingMode } from '../../examples/shop/src/config';
import { fillCard, fillShipping, ShopHarness, watchMutations } from './shopHarness';
import { loadPlantedFrictions } from '../../examples/shop/frictions';

const SHOP_DIR = path.join(__dirname, '..', '..', 'examples', 'shop');
const frictions = loadPlantedFrictions();
const PRODUCT_ID = 'merino-crew';
const VALID_TAX_REF = 'GB12-3456-K';
// Call sites of components that render a different DOM tag.
const COMPONENT_TAGS: Record<string, string> = { Link: 'a' };

const concretePath = (pattern: string) => pattern.replace(':id', PRODUCT_ID);
const friction = (kind: string) => {
  const found = frictions.find((entry) => entry.kind === kind);
  assert.ok(found, `frictions.json has no ${kind}`);
  return found;
};

describe('examples/shop', function () {
  this.timeout(30_000);
  const shop = new ShopHarness();

  before(async function () {
    this.timeout(120_000);
    await Promise.all([buildShop({ variant: 'friction' }), buildShop({ variant: 'fixed' })]);
    await shop.start([
      ['friction', 'mpa'],
      ['friction', 'spa'],
      ['fixed', 'mpa'],
    ]);
  });
  afterEach(() => shop.closePages());
  after(() => shop.stop());

  describe('friction variant', () => {
    const open = async (pathname: string): Promise<Page> => {
      const page = await shop.page({ seedCart: true });
      await page.goto(shop.url('friction', 'mpa', pathname));
      await page.waitForSelector('main.page');
      return page;
    };

    it('lists one friction of each kind', () => {
      const kinds = frictions.map((entry) => entry.kind).sort();
      assert.deepEqual(kinds, ['dead_click', 'error_click', 'excessive_scroll', 'form_abandonment', 'quick_back', 'rage_click']);
    });

    it('each selector matches exactly one element whose source line holds its opening tag', async () => {
      for (const entry of frictions) {
        const page = await open(concretePath(entry.page));
        const element = page.locator(entry.selector);
        assert.equal(await element.count(), 1, `${entry.id}: ${entry.selector} on ${entry.page}`);
        const dom = await element.evaluate((node) => ({
          tag: node.tagName.toLowerCase(),
          tokens: [
            node.id,
            node.getAttribute('data-testid'),
            node.getAttribute('aria-label'),
            node.classList[node.classList.length - 1],
            node.textContent?.trim(),
          ].filter((token): token is string => Boolean(token)),
        }));

        const lines = readFileSync(path.join(SHOP_DIR, 'src', entry.source.file), 'utf8').split('\n');
        const line = lines[entry.source.line - 1] ?? '';
        const tag = /^<([A-Za-z][\w.]*)/.exec(line.slice(entry.source.column - 1))?.[1];
        assert.ok(tag, `${entry.id}: no opening tag at ${entry.source.file}:${entry.source.line}:${entry.source.column}`);
        assert.equal(COMPONENT_TAGS[tag] ?? tag, dom.tag, `${entry.id}: tag at source`);
        // The opening tag may span several lines of attributes; its children follow right after.
        const element_source = lines.slice(entry.source.line - 1, entry.source.line + 8).join('\n');
        assert.ok(
          dom.tokens.some((token) => element_source.includes(token)),
          `${entry.id}: none of ${JSON.stringify(dom.tokens)} near ${entry.source.file}:${entry.source.line}`,
        );
        await page.context().close();
      }
    });

    it('dead_click: the badge looks clickable but a click changes nothing', async () => {
      const { selector, page: pattern } = friction('dead_click');
      const page = await open(concretePath(pattern));
      assert.equal(await page.locator(selector).evaluate((node) => getComputedStyle(node).cursor), 'pointer');
      let navigations = 0;
      page.on('framenavigated', () => navigations++);
      const mutations = await watchMutations(page);
      const before = page.url();
      await page.click(selector);
      await page.waitForTimeout(400);
      assert.equal(await mutations(), 0);
      assert.equal(navigations, 0);
      assert.equal(page.url(), before);
    });

    it('rage_click: Pay takes ~4 s with no visible change, then confirms', async () => {
      const { selector, page: pathname } = friction('rage_click');
      const page = await open(pathname);
      await fillCard(page);
      const mutations = await watchMutations(page);
      const started = Date.now();
      await page.click(selector);
      await page.waitForTimeout(1500);
      assert.equal(await mutations(), 0, 'DOM changed while payment was pending');
      assert.equal(await page.locator(selector).isEnabled(), true);
      assert.match(page.url(), /\/checkout\/payment$/);
      await page.waitForURL(/\/checkout\/confirmation$/, { timeout: 8000 });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 3800 && elapsed < 7000, `pay took ${elapsed} ms`);
    });

    it('error_click: Apply coupon throws an uncaught TypeError that reaches window.onerror', async () => {
      const { selector, page: pathname } = friction('error_click');
      const page = await open(pathname);
      await page.evaluate(() => {
        const w = window as unknown as { __onerror: string[] };
        w.__onerror = [];
        window.onerror = (message) => void w.__onerror.push(String(message));
      });
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      await page.fill('#coupon-code', 'FRIENDS15');
      await page.click(selector);
      await page.waitForTimeout(200);
      assert.equal(pageErrors.length, 1);
      assert.equal(pageErrors[0].name, 'TypeError');
      const onerror = await page.evaluate(() => (window as unknown as { __onerror: string[] }).__onerror);
      assert.equal(onerror.length, 1);
      assert.match(onerror[0], /TypeError/);
    });

    it('form_abandonment: the tax reference blocks the form with "Invalid format" until it matches', async () => {
      const { selector, page: pathname } = friction('form_abandonment');
      const page = await open(pathname);
      await fillShipping(page, 'GB123456789');
      await page.click('#shipping-form button[type=submit]');
      await page.waitForTimeout(200);
      assert.match(page.url(), /\/checkout\/shipping$/);
      assert.equal(await page.locator('.field-error').textContent(), 'Invalid format');
      await page.fill(selector, VALID_TAX_REF);
      await page.click('#shipping-form button[type=submit]');
      await page.waitForURL(/\/checkout\/payment$/);
    });

    it('quick_back: the size guide link leads to a page without measurements', async () => {
      const { selector, page: pattern } = friction('quick_back');
      const page = await open(concretePath(pattern));
      await page.click(selector);
      await page.waitForURL(/\/size-guide$/);
      await page.waitForSelector('.size-guide h1');
      assert.equal(await page.locator('main table').count(), 0);
    });

    it('excessive_scroll: Add to cart starts more than 2 viewports below the top', async () => {
      const { selector, page: pattern } = friction('excessive_scroll');
      const page = await open(concretePath(pattern));
      const top = await page.locator(selector).evaluate((node) => node.getBoundingClientRect().top + window.scrollY);
      assert.ok(top > 1600, `CTA top is ${top}px`);
    });
  });

  describe('fixed variant', () => {
    const open = async (pathname: string): Promise<Page> => {
      const page = await shop.page({ seedCart: true });
      await page.goto(shop.url('fixed', 'mpa', pathname));
      await page.waitForSelector('main.page');
      return page;
    };

    it('Pay shows a pending, disabled state immediately', async () => {
      const page = await open('/checkout/payment');
      await fillCard(page);
      const pay = page.locator('[data-testid="pay-now"]');
      await pay.click();
      await page.waitForFunction(
        () => {
          const button = document.querySelector<HTMLButtonElement>('[data-testid="pay-now"]');
          return button?.disabled && button.textContent?.includes('Processing');
        },
        undefined,
        { timeout: 300 },
      );
      assert.equal(await pay.getAttribute('aria-busy'), 'true');
    });

    it('Apply coupon reports unknown codes without a page error', async () => {
      const page = await open('/cart');
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      await page.fill('#coupon-code', 'FRIENDS15');
      await page.click('button[aria-label="Apply coupon"]');
      await page.waitForSelector('text=That code is not valid.');
      await page.fill('#coupon-code', 'welcome10');
      await page.click('button[aria-label="Apply coupon"]');
      await page.waitForSelector('text=10% off applied.');
      assert.deepEqual(pageErrors, []);
    });

    it('the shipping form completes without a VAT number', async () => {
      const page = await open('/checkout/shipping');
      await fillShipping(page, '');
      await page.click('#shipping-form button[type=submit]');
      await page.waitForURL(/\/checkout\/payment$/);
    });

    it('the badge, size guide and top Add to cart all do something on the product page', async () => {
      const page = await open(`/product/${PRODUCT_ID}`);
      await page.click('button.pill--returns');
      await page.waitForSelector('#returns-note');
      await page.click('.size-guide-inline summary');
      await page.waitForSelector('.size-table', { state: 'visible' });
      const top = page.locator('[data-testid="add-to-cart-top"]');
      assert.ok(((await top.boundingBox())?.y ?? Infinity) < 800, 'top Add to cart is above the fold');
      await top.click();
      await page.waitForURL(/\/cart$/);
    });
  });

  describe('checkout funnel', () => {
    const walk = async (routing: RoutingMode) => {
      const page = await shop.page();
      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await page.goto(shop.url('friction', routing, '/'));
      await page.click(`[data-testid="product-card-${PRODUCT_ID}"] a`);
      await page.waitForURL(/\/product\/merino-crew$/);
      await page.click('#add-to-cart');
      await page.waitForURL(/\/cart$/);
      assert.equal(await page.locator('.cart-count').textContent(), '1');
      await page.click('[data-testid="checkout"]');
      await page.waitForURL(/\/checkout\/shipping$/);
      await fillShipping(page, VALID_TAX_REF);
      await page.click('#shipping-form button[type=submit]');
      await page.waitForURL(/\/checkout\/payment$/);
      await fillCard(page);
      await page.click('[data-testid="pay-now"]');
      await page.waitForURL(/\/checkout\/confirmation$/, { timeout: 8000 });
      assert.match((await page.locator('[data-testid="order-number"]').textContent()) ?? '', /TC-\w+: 1 items, €89\.00/);
      return loads.length;
    };

    it('walks catalogue -> product -> cart -> shipping -> payment -> confirmation in both routing modes', async () => {
      // Both walks run side by side so the 4 s payment wait is paid once.
      const [mpaLoads, spaLoads] = await Promise.all([walk('mpa'), walk('spa')]);
      assert.equal(mpaLoads, 6, 'mpa: one full load per page');
      assert.equal(spaLoads, 1, 'spa: only the first load');
    });
  });
});
