// A JSON value as a collapsible tree, each line with copy value / copy path. Keys and values come
// from the network (a payload, a body) and go in as text only.
import { jsonTreeRows, valueAt } from '../inspector/JsonTree';
import type { DetailContext } from './detailContext';
import { el, icon, iconButton } from './dom';

/** What a tree asks of its page: the inspector's detail pane, or the console's answer. */
export type JsonTreeContext = Pick<DetailContext, 'expanded' | 'rerender' | 'persist'> & { post(message: { type: 'copy'; text: string }): void };

/**
 * The tree of `root`. `scope` keeps its open nodes apart from another tree's in the page's one
 * set: a request body's `channel` is not the payload's. The payload's scope is '', as it always was,
 * so what was open before a reload is open after it.
 */
export function jsonTreeElement(root: unknown, ctx: JsonTreeContext, scope = ''): HTMLElement {
  const { expanded, post } = ctx;
  const keyOf = (path: string) => scope + path;
  const tree = el('div', 'json');
  tree.setAttribute('role', 'tree');
  for (const item of jsonTreeRows(root, { has: (path) => expanded.has(keyOf(path)) })) {
    const open = expanded.has(keyOf(item.path));
    const line = el('div', `json-row ${item.kind}`);
    line.setAttribute('role', 'treeitem');
    line.style.paddingLeft = `${item.depth * 14 + 4}px`;
    const twisty = el('span', 'twisty');
    if (item.expandable) {
      twisty.append(icon(open ? 'chevron-down' : 'chevron-right'));
      line.setAttribute('aria-expanded', String(open));
      twisty.addEventListener('click', () => {
        if (open) expanded.delete(keyOf(item.path));
        else expanded.add(keyOf(item.path));
        ctx.rerender();
        ctx.persist();
      });
    }
    const copyValue = iconButton('copy', 'value', `Copy the value of ${item.path}`, 'mini');
    copyValue.addEventListener('click', () => {
      const value = valueAt(root, item.path);
      post({ type: 'copy', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) });
    });
    const copyPath = iconButton('symbol-key', 'path', `Copy the path ${item.path}`, 'mini');
    copyPath.addEventListener('click', () => post({ type: 'copy', text: item.path }));
    line.append(twisty, el('span', 'key', item.key), el('span', 'value', item.preview), copyValue, copyPath);
    tree.append(line);
  }
  return tree;
}
