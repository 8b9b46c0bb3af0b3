// Interpreter console (/interpreter.html?city=…&workshop=…): every workshop text that lacks a current translation into a
// session language, live; type the translation in place (or ask the city's machine translation), and phones switch at once.
import { api, el, params, staff } from './api.js';
import { languagePicker, languages, loadTexts, t } from './i18n.js';
import { requireStaff, signOutButton } from './login.js';
import { followWorkshop } from './live.js';
import { translationOf } from './translations.js';

const $ = id => document.getElementById(id);
let session, cityId, workshopId, board = null, comments = [];
const rows = new Map();   // key → row element, kept across live updates so typing and focus survive
const drafts = new Map(); // key → text being typed

const base = () => `/api/cities/${cityId}/workshops/${workshopId}`;
const keyOf = (item, lang) => `${item.kind}:${item.sourceId}:${lang}`;

/** Every translatable text of the board: {kind, sourceId, version, lang, text}. */
function texts() {
  if (!board) return [];
  const items = [];
  const question = board.focusQuestion?.[0];
  if (question) items.push({ kind: 'FOCUS_QUESTION', sourceId: board.id, version: 1, lang: question.lang, text: question.text });
  for (const p of board.proposals.filter(p => p.text?.text && p.text.state !== 'ERASED')) {
    items.push({ kind: 'PROPOSAL', sourceId: p.id, version: p.currentVersion, lang: p.text.lang, text: p.text.text });
  }
  for (const c of comments) items.push({ kind: 'COMMENT', sourceId: c.id, version: 1, lang: c.text.lang, text: c.text.text });
  for (const r of board.rounds.filter(r => r.status === 'OPEN')) {
    const q = r.question?.[0];
    if (q) items.push({ kind: 'ROUND_QUESTION', sourceId: r.roundId, version: 1, lang: q.lang, text: q.text });
  }
  return items;
}

/** What still needs doing: a text with no translation into a session language, or only a stale one. */
function lacking() {
  return texts().flatMap(item => board.languages.filter(lang => lang !== item.lang).map(lang => ({ item, lang,
    existing: translationOf(board, item.kind, item.sourceId, lang) })))
    .filter(x => !x.existing || x.existing.stale);
}

function row({ item, lang, existing }) {
  const key = keyOf(item, lang);
  const status = el('p', { role: 'status' });
  const id = `tr-${key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const input = el('textarea', { id, rows: 2, maxlength: 4000, dir: 'auto', lang, oninput: e => drafts.set(key, e.target.value) }, drafts.get(key) ?? '');
  const send = async (path, body) => {
    try { await api(`${base()}${path}`, { method: 'POST', token: session.accessToken, body }); drafts.delete(key); status.textContent = t('ui.done', 'Done.'); }
    catch (e) { status.textContent = e.message; status.className = 'error'; }
  };
  return el('li', { class: 'card', 'data-key': key },
    el('p', { class: 'meta' }, `${t('ui.original', 'Original')} (${item.lang}) → ${languages[lang] ?? lang}`,
      existing?.stale ? ` · ${t('translation.stale', 'The original was changed after it was translated.')}` : ` · ${t('ui.untranslated', 'Needs a translation')}`),
    el('p', { dir: 'auto', lang: item.lang }, item.text),
    el('label', { for: id }, `${languages[lang] ?? lang}`), input,
    el('div', { class: 'row' },
      el('button', { type: 'button', class: 'primary', onclick: () => send('/translations',
        { kind: item.kind, sourceId: item.sourceId, sourceVersion: item.version, lang, text: input.value }) }, t('ui.translate', 'Save the translation')),
      el('button', { type: 'button', onclick: () => send('/translations/machine', { kind: item.kind, sourceId: item.sourceId, lang }) },
        t('translation.machine', 'Machine translation'))),
    status);
}

function render() {
  const todo = lacking();
  const wanted = new Set(todo.map(x => keyOf(x.item, x.lang)));
  for (const key of [...rows.keys()]) if (!wanted.has(key)) rows.delete(key);
  const list = todo.map(x => {
    const key = keyOf(x.item, x.lang);
    // A row whose text or state changed is rebuilt; an unchanged one is kept (with what is typed in it).
    const sign = `${x.item.version}:${x.existing?.version ?? 0}`;
    if (!rows.has(key) || rows.get(key).dataset.sign !== sign) { const r = row(x); r.dataset.sign = sign; rows.set(key, r); }
    return rows.get(key);
  });
  $('todo').replaceChildren(...(list.length ? list : [el('li', {}, t('ui.nothing', 'Nothing yet.'))]));
  $('count').textContent = String(todo.length);
}

async function loadComments() {
  const threads = await Promise.all(board.proposals.filter(p => p.commentCount > 0 && !p.hidden).map(p =>
    api(`${base()}/proposals/${p.id}/comments`, { token: session.accessToken }).catch(() => [])));
  comments = threads.flat().filter(c => c.text?.text && !c.hidden && c.text.state !== 'ERASED');
}

function ready(s) {
  session = s;
  $('who').replaceChildren(`${s.role}${s.city ? ` · ${s.city}` : ''} `, signOutButton());
  cityId = params().get('city') ?? s.city ?? 'cluj-napoca';
  workshopId = params().get('workshop');
  if (!workshopId) { $('main').replaceChildren(el('p', { class: 'error' }, 'interpreter.html?city=…&workshop=…')); return; }
  $('main').replaceChildren(el('h2', {}, t('ui.untranslated', 'Needs a translation'), ' (', el('span', { id: 'count' }, '0'), ')'),
    el('ul', { id: 'todo', class: 'cards', 'aria-live': 'polite' }));
  followWorkshop({ cityId, workshopId, token: s.accessToken,
    onBoard: async b => { board = b; await loadComments(); render(); },
    onStatus: state => { $('connection').dataset.state = state; $('connection').textContent = t(`ui.${state}`, state); } });
}

async function main() {
  await loadTexts();
  languagePicker($('lang'), () => render());
  requireStaff($('main'), ready);
}

main();
