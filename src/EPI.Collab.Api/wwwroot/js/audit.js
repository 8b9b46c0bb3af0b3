// Auditor: a workshop's decisions and rounds, the timeline behind one, results as of any event (slider), recount,
// the hash chain's verification and the export downloads.
import { api, el, language, localized, params } from './api.js';
import { languagePicker, loadTexts, t } from './i18n.js';
import { requireStaff, signOutButton } from './login.js';
import { resultBars } from './ballot.js';

const $ = id => document.getElementById(id);
const cities = ['cartagena', 'cluj-napoca', 'dietzenbach', 'linkoping', 'lublin', 'ravenna', 'riga'];
let session, cityId;
const token = () => session.accessToken;

function ready(s) {
  session = s;
  $('who').replaceChildren(`${s.role} `, signOutButton());
  cityId = s.city ?? params().get('city') ?? 'cluj-napoca';
  const workshops = el('select', { id: 'audit-workshop', onchange: e => showWorkshop(e.target.value) });
  $('main').replaceChildren(
    el('div', { class: 'row' }, el('label', { for: 'audit-city' }, t('ui.city', 'City')),
      el('select', { id: 'audit-city', disabled: !!s.city, onchange: e => { cityId = e.target.value; ready(s); } },
        ...cities.map(c => new Option(c, c, false, c === cityId))),
      el('label', { for: 'audit-workshop' }, t('ui.workshop', 'Workshop')), workshops),
    el('section', { id: 'chain' }), el('section', { id: 'exports' }),
    el('section', { id: 'subjects' }), el('section', { id: 'timeline' }), el('section', { id: 'as-of' }));
  api(`/api/cities/${cityId}/workshops`, { token: token() }).then(rows => {
    workshops.replaceChildren(new Option('—', ''), ...rows.map(w => new Option(w.title, w.id)));
    const wanted = params().get('workshop');
    if (wanted) { workshops.value = wanted; showWorkshop(wanted); }
  });
  showChain(); showExports();
}

async function showChain() {
  const box = $('chain');
  box.replaceChildren(el('h2', {}, t('ui.chain', 'Hash chain')), el('p', { role: 'status', id: 'chain-status' }, '…'));
  try {
    const v = await api('/api/audit/chain/verify', { token: token() });
    $('chain-status').textContent = v.verified ? `${t('ui.verified', 'Verified')} · ${v.count} · ${v.head?.hash?.slice(0, 16) ?? ''}…`
      : `${t('ui.broken', 'Broken at')} ${v.firstBrokenSequence}: ${v.reason}`;
  } catch (e) { $('chain-status').textContent = e.message; }
}

function showExports() {
  const download = (path, name) => el('button', { type: 'button', onclick: async () => {
    const blob = await api(path, { token: token(), raw: true }).then(r => r.blob());
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a); a.click(); a.remove();
  } }, name);
  $('exports').replaceChildren(el('h2', {}, t('ui.exports', 'Exports')), el('div', { class: 'row' },
    download(`/api/audit/export/events.jsonl?cityId=${cityId}`, 'events.jsonl'),
    ...['workshops', 'proposals', 'decisions', 'ballots'].map(m => download(`/api/cities/${cityId}/audit/export/${m}.csv`, `${m}.csv`))));
}

async function showWorkshop(workshopId) {
  if (!workshopId) return;
  const base = `/api/cities/${cityId}/workshops/${workshopId}`;
  const [board, decisions] = await Promise.all([api(`${base}/board`, { token: token() }), api(`${base}/decisions`, { token: token() }).catch(() => [])]);
  const subject = (label, query, roundId) => el('li', {}, el('button', { type: 'button', onclick: () => showTimeline(query, roundId) }, label));
  $('subjects').replaceChildren(el('h2', {}, t('ui.subjects', 'Decisions and rounds')), el('ul', { id: 'subject-list' },
    subject(`${t('ui.workshop', 'Workshop')}: ${board.title}`, `workshopId=${workshopId}`),
    ...decisions.map(d => subject(`${t('ui.decision', 'Decision')}: ${localized([d.rationale], language())}`, `decisionId=${d.decisionId ?? d.id}`, (d.roundIds ?? [])[0])),
    ...board.rounds.map(r => subject(`${t('ui.round', 'Round')}: ${localized(r.question, language())}`, `roundId=${r.roundId}`, r.roundId))));
}

async function showTimeline(query, roundId) {
  const entries = [];
  let after = null;
  do {
    const page = await api(`/api/cities/${cityId}/audit/timeline?${query}${after ? `&after=${after}` : ''}`, { token: token() });
    entries.push(...page.events);
    after = page.nextAfter;
  } while (after);
  $('timeline').replaceChildren(el('h2', {}, t('ui.timeline', 'Timeline')),
    el('table', { id: 'timeline-table' }, el('thead', {}, el('tr', {}, ...['#', t('ui.when', 'When'), t('ui.event', 'Event'), t('ui.role', 'Role')].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...entries.map(e => el('tr', {}, el('td', {}, e.sequence), el('td', {}, new Date(e.at).toLocaleString(language())),
        el('td', {}, e.type), el('td', {}, e.actorRole ?? ''))))));
  if (roundId) showAsOf(roundId, entries.map(e => e.sequence));
  else $('as-of').replaceChildren();
}

async function showAsOf(roundId, sequences) {
  const box = $('as-of');
  const slider = el('input', { type: 'range', id: 'as-of-slider', min: 0, max: sequences.length - 1, value: sequences.length - 1, step: 1 });
  const label = el('output', { for: 'as-of-slider', id: 'as-of-sequence' });
  const results = el('div', { id: 'as-of-results' });
  const recount = el('p', { id: 'recount', role: 'status' });
  const show = async () => {
    const sequence = sequences[Number(slider.value)];
    label.textContent = `#${sequence}`;
    try { results.replaceChildren(resultBars((await api(`/api/cities/${cityId}/audit/rounds/${roundId}/results?sequence=${sequence}`, { token: token() })).state)); }
    catch (e) { results.replaceChildren(el('p', {}, e.message)); }
  };
  slider.addEventListener('input', show);
  box.replaceChildren(el('h2', {}, t('ui.as-of', 'Results as of an event')),
    el('label', { for: 'as-of-slider' }, t('ui.as-of-event', 'Event')), slider, label, results,
    el('h2', {}, t('ui.recount', 'Recount')), recount);
  show();
  try {
    const r = await api(`/api/cities/${cityId}/audit/rounds/${roundId}/recount`, { token: token() });
    recount.textContent = r.matches ? t('ui.recount-matches', 'The recount matches the reported results.') : `${t('ui.recount-differs', 'The recount differs')}: ${r.differences.join('; ')}`;
  } catch (e) { recount.textContent = e.message; }
}

await loadTexts();
languagePicker($('lang'));
requireStaff($('main'), ready);
