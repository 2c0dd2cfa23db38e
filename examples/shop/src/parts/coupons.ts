// Discount codes accepted at the cart; percentages off the subtotal.
export const COUPONS: Record<string, { percent: number }> = {
  WELCOME10: { percent: 10 },
  AUTUMN20: { percent: 20 },
};

export function discountPercent(code: string): number | null {
  return COUPONS[code.trim().toUpperCase()].percent;
}
