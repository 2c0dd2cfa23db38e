// Prices are stored in cents to avoid floating point drift in totals.
export function formatPrice(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}
