// Unknown codes return null (shown as "not valid") instead of dereferencing a missing entry.
import { COUPONS } from '../src/parts/coupons';

export { COUPONS };

export function discountPercent(code: string): number | null {
  return COUPONS[code.trim().toUpperCase()]?.percent ?? null;
}
