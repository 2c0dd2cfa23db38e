// Cart and checkout state live in localStorage so they survive the full page loads of MPA routing.
import { useSyncExternalStore } from 'react';
import { findProduct } from './products';

export interface CartLine {
  productId: string;
  size: string;
  quantity: number;
}

export interface ShippingDetails {
  fullName: string;
  email: string;
  address: string;
  city: string;
  postcode: string;
  country: string;
}

export interface Order {
  number: string;
  totalCents: number;
  itemCount: number;
  email: string;
}

const CART_KEY = 'shop.cart';
const SHIPPING_KEY = 'shop.shipping';
const ORDER_KEY = 'shop.lastOrder';
const CHANGE_EVENT = 'shop:cart';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  window.localStorage.setItem(key, JSON.stringify(value));
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

// useSyncExternalStore needs a stable snapshot, so re-parse only when the stored string changes.
let cachedRaw: string | null = null;
let cachedLines: CartLine[] = [];
function cartSnapshot(): CartLine[] {
  const raw = window.localStorage.getItem(CART_KEY);
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedLines = read<CartLine[]>(CART_KEY, []);
  }
  return cachedLines;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, cartSnapshot);
}

export function addToCart(productId: string, size: string): void {
  const lines = cartSnapshot();
  const existing = lines.find((line) => line.productId === productId && line.size === size);
  write(
    CART_KEY,
    existing
      ? lines.map((line) => (line === existing ? { ...line, quantity: line.quantity + 1 } : line))
      : [...lines, { productId, size, quantity: 1 }],
  );
}

export function setQuantity(productId: string, size: string, quantity: number): void {
  const lines = cartSnapshot()
    .map((line) => (line.productId === productId && line.size === size ? { ...line, quantity } : line))
    .filter((line) => line.quantity > 0);
  write(CART_KEY, lines);
}

export function cartTotalCents(lines: CartLine[]): number {
  return lines.reduce((sum, line) => sum + (findProduct(line.productId)?.priceCents ?? 0) * line.quantity, 0);
}

export function cartCount(lines: CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

export function saveShipping(details: ShippingDetails): void {
  write(SHIPPING_KEY, details);
}

export function loadShipping(): ShippingDetails | null {
  return read<ShippingDetails | null>(SHIPPING_KEY, null);
}

export function placeOrder(): Order | null {
  const lines = cartSnapshot();
  // A repeated submit after the cart was emptied must not overwrite the real order with an empty one.
  if (lines.length === 0) return loadLastOrder();
  const order: Order = {
    number: `TC-${Date.now().toString(36).toUpperCase()}`,
    totalCents: cartTotalCents(lines),
    itemCount: cartCount(lines),
    email: loadShipping()?.email ?? '',
  };
  write(ORDER_KEY, order);
  write(CART_KEY, []);
  return order;
}

export function loadLastOrder(): Order | null {
  return read<Order | null>(ORDER_KEY, null);
}
