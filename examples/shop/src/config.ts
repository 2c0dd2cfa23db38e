// Runtime config injected by the server as window.__SHOP_CONFIG__; defaults keep the bundle usable without it.
export type RoutingMode = 'mpa' | 'spa';

export interface ShopConfig {
  routing: RoutingMode;
  variant: 'friction' | 'fixed';
}

declare global {
  interface Window {
    __SHOP_CONFIG__?: Partial<ShopConfig>;
  }
}

const injected = typeof window === 'undefined' ? undefined : window.__SHOP_CONFIG__;

export const config: ShopConfig = {
  routing: injected?.routing === 'spa' ? 'spa' : 'mpa',
  variant: injected?.variant === 'fixed' ? 'fixed' : 'friction',
};
