// The form of one operation: a control per parameter, its values kept by the page, ids
// completed from what the host last listed. Text goes in with textContent and `value` only.
import type { Completion, Completions } from '../../console/completionKind';
import type { FieldInput, FormField, FormInputs } from '../../console/OperationForm';
import { el } from '../dom';

export interface FieldsHost {
  /** A value changed: the page reads the form again (the host checks it). */
  changed(): void;
}

/** Renders the fields of an operation into `form`, filled from `inputs`; returns how to read them back. */
/** `completions` is read each time a list is shown, so ids that came after the form was drawn are offered too. */
export function renderFields(form: HTMLFormElement, fields: readonly FormField[], inputs: FormInputs, completions: () => Completions, host: FieldsHost): () => Record<string, FieldInput> {
  form.replaceChildren();
  const readers: [string, () => FieldInput | undefined][] = [];
  if (fields.length === 0) form.append(el('p', 'hint', 'This operation takes no parameters.'));
  for (const field of fields) {
    const box = el('div', 'field');
    box.dataset.field = field.name;
    const label = el('label');
    label.htmlFor = `field-${field.name}`;
    label.append(el('span', 'name', `${field.name}${field.required ? ' *' : ''}`), el('span', 'where', `${field.in} · ${field.expects}${field.defaultText !== undefined ? ` · default ${field.defaultText}` : ''}`));
    box.append(label);
    if (field.description) box.append(el('div', 'description', field.description));
    readers.push([field.name, control(box, field, inputs[field.name], completions, host)]);
    form.append(box);
  }
  return () => Object.fromEntries(readers.flatMap(([name, read]) => {
    const value = read();
    return value === undefined ? [] : [[name, value]];
  }));
}

/** Marks the field the host named as wrong (or none). */
export function markWrong(form: HTMLFormElement, field: string | undefined): void {
  for (const box of form.querySelectorAll<HTMLElement>('.field')) box.classList.toggle('wrong', box.dataset.field === field);
}

function control(box: HTMLElement, field: FormField, input: FieldInput | undefined, completions: () => Completions, host: FieldsHost): () => FieldInput | undefined {
  const id = `field-${field.name}`;
  const text = typeof input === 'string' ? input : (input ?? []).join('\n');
  switch (field.control) {
    case 'choice':
    case 'boolean': {
      const select = el('select');
      select.id = id;
      for (const value of ['', ...(field.control === 'boolean' ? ['true', 'false'] : (field.choices ?? []))]) {
        const option = el('option', undefined, value === '' ? (field.defaultText !== undefined ? `(default: ${field.defaultText})` : '(none)') : value);
        option.value = value;
        select.append(option);
      }
      select.value = text;
      select.addEventListener('change', () => host.changed());
      box.append(select);
      return () => select.value;
    }
    case 'choices': {
      const group = el('div', 'choices');
      group.id = id;
      const ticked = new Set(typeof input === 'string' ? [input] : (input ?? []));
      const boxes = (field.choices ?? []).map((value) => {
        const label = el('label');
        const check = el('input');
        check.type = 'checkbox';
        check.value = value;
        check.checked = ticked.has(value);
        check.addEventListener('change', () => host.changed());
        label.append(check, document.createTextNode(` ${value}`));
        group.append(label);
        return check;
      });
      box.append(group);
      return () => boxes.filter((b) => b.checked).map((b) => b.value);
    }
    case 'list':
    case 'json': {
      const area = el('textarea');
      area.id = id;
      area.value = text;
      area.placeholder = field.control === 'list' ? 'one value per line' : 'JSON';
      area.spellcheck = false;
      area.addEventListener('input', () => host.changed());
      box.append(area);
      if (field.control === 'list' && field.completion) suggest(box, area, options(field, completions), host, true);
      return () => (field.control === 'list' ? area.value.split('\n') : area.value);
    }
    default: {
      const line = el('input');
      line.type = 'text';
      line.id = id;
      line.value = text;
      line.spellcheck = false;
      if (field.defaultText !== undefined) line.placeholder = `default: ${field.defaultText}`;
      line.addEventListener('input', () => host.changed());
      box.append(line);
      if (field.completion) suggest(box, line, options(field, completions), host, false);
      return () => line.value;
    }
  }
}

function options(field: FormField, completions: () => Completions): () => readonly Completion[] {
  return () => (field.completion ? (completions()[field.completion] ?? []) : []);
}

/** A list of the live ids that fit what is typed, shown while the field has focus. */
function suggest(box: HTMLElement, input: HTMLInputElement | HTMLTextAreaElement, options: () => readonly Completion[], host: FieldsHost, appendLine: boolean): void {
  const list = el('div', 'suggestions');
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  box.append(list);
  const current = () => (appendLine ? (input.value.split('\n').pop() ?? '') : input.value).trim().toLowerCase();
  const show = () => {
    const typed = current();
    const fitting = options().filter((o) => o.value.toLowerCase().includes(typed) || o.detail.toLowerCase().includes(typed)).slice(0, 30);
    list.replaceChildren(
      ...fitting.map((o) => {
        const item = el('button', 'suggestion');
        item.type = 'button';
        item.setAttribute('role', 'option');
        item.dataset.value = o.value;
        item.append(el('span', 'value', o.value), el('span', 'detail', o.detail));
        // mousedown, not click: the input's blur would hide the list before a click lands.
        item.addEventListener('mousedown', (e) => {
          e.preventDefault();
          if (appendLine) {
            const lines = input.value.split('\n');
            lines[lines.length - 1] = o.value;
            input.value = lines.join('\n');
          } else input.value = o.value;
          list.hidden = true;
          host.changed();
        });
        return item;
      }),
    );
    list.hidden = fitting.length === 0;
  };
  input.addEventListener('focus', show);
  input.addEventListener('input', show);
  input.addEventListener('blur', () => (list.hidden = true));
  input.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Escape') list.hidden = true;
  });
}
