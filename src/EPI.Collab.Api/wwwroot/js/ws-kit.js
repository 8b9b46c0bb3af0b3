// Shared pieces of the city workspace: the city in use, API calls on it, labelled fields, forms that report problems.
import { api, el, language } from './api.js';
import { t } from './i18n.js';

/** The session, the city and the tab in use; `render` draws the whole tab again (after a write: with empty forms). */
export const ctx = { session: null, cityId: null, render: async () => {} };

export const call = (path, options = {}) => api(`/api/cities/${ctx.cityId}${path}`, { token: ctx.session.accessToken, ...options });
export const post = (path, body) => call(path, { method: 'POST', body });
export const orNull = promise => promise.catch(e => { if (e.status === 404) return null; throw e; });

let seq = 0;
export function field(label, control, hint) {
  if (!control.id) control.id = `f${++seq}`;
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control,
    hint ? el('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null);
}

/** A select of [value, label] pairs (or plain values); `multiple` for lists. */
export function choice(options, attrs = {}) {
  return el('select', attrs, ...options.map(o => Array.isArray(o) ? new Option(o[1], o[0]) : new Option(enumLabel(o), o)));
}
export const chosen = select => [...select.selectedOptions].map(o => o.value).filter(v => v !== '');
export const enumLabel = v => t(`enum.${v}`, String(v).replaceAll('_', ' ').toLowerCase());
export const number = v => v === '' || v === null || v === undefined ? null : Number(v);
export const today = () => new Date().toISOString().slice(0, 10);
/** A text in the page's language, as the API's list of {lang, text}; empty text, empty list. */
export const texts = value => value.trim() ? [{ lang: language(), text: value.trim() }] : [];

export function problemText(e) {
  const p = e.problem;
  const errors = p?.errors ? Object.entries(p.errors).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`).join('; ') : '';
  return [`${e.status ?? ''} ${e.message}`.trim(), p?.detail, errors].filter(Boolean).join(' — ');
}

let saves = 0;
/** Runs a write; on success redraws the tab, on failure shows the problem; the status line says which. */
export async function run(work) {
  const status = document.getElementById('status');
  try {
    await work();
    await ctx.render();
    status.dataset.state = 'ok';
    status.textContent = `${t('ui.saved', 'Saved.')} (${++saves})`;
  } catch (e) {
    status.dataset.state = 'error';
    status.textContent = problemText(e);
  }
}

export function form(id, title, fields, submit, onSubmit) {
  const node = el('form', { id, class: 'card', onsubmit: e => { e.preventDefault(); run(() => onSubmit(node)); } },
    el('h3', {}, title), ...fields, el('button', { type: 'submit', class: 'primary' }, submit));
  return node;
}

export function table(id, headers, rows) {
  return el('table', { id }, el('thead', {}, el('tr', {}, ...headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map(cells => el('tr', {}, ...cells.map(c => el('td', {}, c))))));
}

/** Decisions recorded in the city's workshops, newest first, for "which decision is behind this" pickers. */
export async function cityDecisions() {
  const workshops = await call('/workshops');
  const lists = await Promise.all(workshops.map(w => call(`/workshops/${w.id}/decisions`).then(ds => ds.map(d => ({ ...d, workshop: w })))
    .catch(() => [])));
  return lists.flat().sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''));
}

export const decisionOptions = decisions => [['', '—'], ...decisions.map(d =>
  [d.id ?? d.decisionId, `${d.workshop.title}: ${d.rationale?.text ?? ''} (${d.ruleApplied})`])];
