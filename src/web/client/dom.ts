/**
 * A few DOM helpers. Text is always set as text (never parsed as HTML), so
 * names and citations from the server cannot inject markup.
 */

type Child = Node | string | number | null | undefined | false;

/** Attributes: `class`, `data-*`, `aria-*` and other plain attributes; `on*` handlers as functions. */
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/** The element with `id`; throws when the page lacks it (a bug in the page shell). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}

/** The conference id in the page's path (/screen/<id> or /control/<id>). */
export function conferenceIdFromPath(): string {
  return decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
}
