// Small DOM helpers the pages share: elements, tables, labelled form fields, and showing an
// API refusal where it belongs (at the field it names, or at the top of the form). Every text
// comes from the catalogs (t(), i18n.js).

import { t } from './i18n.js';

export { money, number, when } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// A status line: role=status for news, role=alert for failures, so screen readers say them.
export function notice(kind, text) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

// Each navigation (route() in app.js) gets a number. A page's render takes view() before its
// first await; if the user has moved to another page by the time its data arrives, showing it
// throws StaleRender instead of replacing the page the user is on now (route() ignores it).
let navigation = 0;
export class StaleRender extends Error {}
export function newNavigation() { navigation += 1; }
export function view() {
  const mine = navigation;
  return (title, ...children) => {
    if (mine !== navigation) throw new StaleRender(`"${title}" arrived after the user moved on`);
    return page(title, ...children);
  };
}

export function page(title, ...children) {
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', {}, title), ...children.filter(Boolean));
  document.title = t('shell.document_title', { title });
  return main;
}

export function section(title, ...children) {
  return h('section', { 'aria-label': title }, h('h2', {}, title), ...children);
}

// columns: [{label, value: row => text|Node}]
export function table(columns, rows, empty) {
  if (!rows.length) return h('p', { class: 'empty' }, empty ?? t('table.empty'));
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) =>
        h('td', { 'data-label': c.label }, c.value(row))))))));
}

let fieldCounter = 0;

// A labelled field. spec: {name, label, type, value, options: [[value, text]], required,
// help, min, max, multiple, checked}. The field's error goes in an element it points to.
export function field(spec) {
  const id = `f${++fieldCounter}-${spec.name.replace(/[^a-z0-9]/gi, '-')}`;
  const errorId = `${id}-error`;
  const helpId = spec.help ? `${id}-help` : null;
  const described = [helpId, errorId].filter(Boolean).join(' ');
  let input;
  if (spec.type === 'select') {
    input = h('select', { id, name: spec.name, multiple: spec.multiple, required: spec.required,
      'aria-describedby': described },
    (spec.options || []).map(([value, text]) => h('option', {
      value, selected: spec.multiple ? (spec.value || []).map(String).includes(String(value))
        : String(spec.value ?? '') === String(value),
    }, text)));
  } else if (spec.type === 'checkbox') {
    input = h('input', { id, name: spec.name, type: 'checkbox', checked: !!spec.value,
      'aria-describedby': described });
  } else {
    input = h('input', { id, name: spec.name, type: spec.type || 'text', required: spec.required,
      min: spec.min, max: spec.max, step: spec.step, autocomplete: spec.autocomplete || 'off',
      value: spec.value ?? '', placeholder: spec.placeholder, 'aria-describedby': described });
  }
  const wrap = h('div', { class: `field field-${spec.type || 'text'}`, dataset: { field: spec.name } },
    spec.type === 'checkbox'
      ? h('label', { for: id }, input, ' ', spec.label)
      : [h('label', { for: id }, spec.label), input],
    spec.help ? h('small', { id: helpId, class: 'help' }, spec.help) : null,
    h('p', { id: errorId, class: 'field-error', 'aria-live': 'polite' }),
    h('p', { class: 'field-warning', 'aria-live': 'polite' }));
  return wrap;
}

// Values of a form by field name: checkboxes as booleans, multi-selects as arrays, number
// inputs as numbers (empty = null).
export function values(form) {
  const out = {};
  for (const el of form.querySelectorAll('input, select, textarea')) {
    if (!el.name) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else if (el.multiple) out[el.name] = [...el.selectedOptions].map((o) => o.value);
    else if (el.type === 'number') out[el.name] = el.value === '' ? null : Number(el.value);
    else out[el.name] = el.value;
  }
  return out;
}

export function clearMessages(form) {
  form.querySelectorAll('.field-error, .field-warning').forEach((el) => { el.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const top = form.querySelector('.form-message');
  if (top) top.replaceChildren();
}

// The field wrapper for an API field name ("fallback.port" matches data-field="fallback.port",
// else its first part).
function fieldFor(form, name) {
  if (!name) return null;
  let el = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  for (let n = name; !el && n.includes('.'); ) {
    n = n.slice(0, n.lastIndexOf('.'));
    el = form.querySelector(`[data-field="${CSS.escape(n)}"]`);
  }
  return el;
}

// Shows findings ([{field, message}]) at their fields; returns those no field took.
export function showAtFields(form, findings, kind = 'error') {
  const rest = [];
  for (const finding of findings) {
    const wrap = fieldFor(form, finding.field);
    if (!wrap) { rest.push(finding); continue; }
    const slot = wrap.querySelector(kind === 'error' ? '.field-error' : '.field-warning');
    slot.append(h('span', { class: 'finding' }, sentence(finding.message)));
    if (kind === 'error') wrap.querySelector('input, select')?.setAttribute('aria-invalid', 'true');
  }
  return rest;
}

// The API's findings are clauses ("printer \"x\" …"); shown one per line as sentences.
function sentence(text) {
  if (!text) return '';
  const t = text[0].toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

// An API refusal in a form: each finding at its field, the message at the top.
export function showProblem(form, problem) {
  const findings = problem.details && problem.details.length ? problem.details
    : (problem.field ? [{ field: problem.field, message: problem.message }] : []);
  showAtFields(form, findings, 'error');
  formMessage(form, 'error', problem.message);
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

export function formMessage(form, kind, text) {
  let top = form.querySelector('.form-message');
  if (!top) {
    top = h('div', { class: 'form-message' });
    form.prepend(top);
  }
  top.replaceChildren(notice(kind, text));
}

// A form whose submit runs `action(values)`; refusals are shown in it, the button is
// disabled while the request runs.
export function form(name, fields, submitLabel, action) {
  const el = h('form', { class: 'form', 'aria-label': name, novalidate: true },
    h('div', { class: 'form-message' }), fields,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearMessages(el);
    const button = el.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await action(values(el), el);
    } catch (problem) {
      if (problem && problem.status !== undefined) showProblem(el, problem);
      else formMessage(el, 'error', t('form.page_failure', { problem: String(problem) }));
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

// A failure while loading a page, in the page.
export function loadFailure(problem) {
  if (problem && problem.status === 403) {
    return notice('error', `${problem.message}`);
  }
  return notice('error', problem && problem.message ? problem.message
    : t('page.load_failure', { problem: String(problem) }));
}

// "Jobs 51–100 of 123" with Previous and Next: a long listing one page at a time.
// onGo(offset) loads another page; the buttons are disabled at either end. texts: the catalog
// keys of the "none match" and "first–last of total" lines for what is listed.
export function pager(name, { offset, shown, total, pageSize, texts, onGo }) {
  const first = shown ? offset + 1 : 0;
  const last = offset + shown;
  const text = total === 0 ? t(texts.none) : t(texts.range, { first, last, total, count: total });
  return h('nav', { class: 'pager', 'aria-label': name },
    h('button', { type: 'button', disabled: offset <= 0,
      onclick: () => onGo(Math.max(0, offset - pageSize)) }, t('pager.previous')),
    h('p', { class: 'count', role: 'status' }, text),
    h('button', { type: 'button', disabled: last >= total,
      onclick: () => onGo(offset + pageSize) }, t('pager.next')));
}
