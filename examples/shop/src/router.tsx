// One navigation primitive for both routing modes: real page loads (mpa) or pushState + popstate (spa).
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { config } from './config';

// pushState fires no event, so SPA navigations notify subscribers through this custom one.
const NAVIGATE_EVENT = 'shop:navigate';

export function navigate(to: string): void {
  if (config.routing === 'mpa') {
    window.location.assign(to);
    return;
  }
  // Browsers replace rather than push when navigating to the current URL; do the same.
  if (new URL(to, window.location.href).href !== window.location.href) window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Leave modified clicks (new tab, download, ...) and the whole MPA mode to the browser.
    const plainClick = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (config.routing !== 'spa' || event.defaultPrevented || !plainClick) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
