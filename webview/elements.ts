// A tiny element builder for the webview: text goes in as text nodes, never as HTML, so nothing recorded or
// reported can inject markup.
type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  /** data-* attributes (without the prefix). */
  data?: Record<string, string>;
  attrs?: Record<string, string>;
  title?: string;
  onClick?: (event: MouseEvent) => void;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.title) node.title = options.title;
  for (const [key, value] of Object.entries(options.data ?? {})) node.dataset[key] = value;
  for (const [key, value] of Object.entries(options.attrs ?? {})) node.setAttribute(key, value);
  const onClick = options.onClick;
  if (onClick) node.addEventListener('click', (event) => onClick(event as MouseEvent));
  for (const child of children) if (child) node.append(child);
  return node;
}

export function clear(node: Element): void {
  node.replaceChildren();
}
