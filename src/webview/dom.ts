// Building the page's elements; text goes in with textContent only, never as markup.

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

/** A codicon: decoration only, so screen readers hear the label next to it instead. */
export function icon(name: string): HTMLElement {
  const node = el('span', `codicon codicon-${name}`);
  node.setAttribute('aria-hidden', 'true');
  return node;
}

/** A small button with an icon and a short visible label. */
export function iconButton(name: string, label: string, title: string, className?: string): HTMLButtonElement {
  const button = el('button', className);
  button.title = title;
  button.setAttribute('aria-label', title);
  button.append(icon(name), el('span', 'label', label));
  return button;
}

/** An element of the page's own markup (src/ui/inspector/inspectorHtml.ts), by id. */
export function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}
