// Auditor: from a measure of the adopted strategy to its trace (revision, decision, rounds, proposals at pinned versions), or from
// a workshop's decisions and rounds; the timeline behind one, results as of any event (slider), recount,
// the hash chain's verification and the export downloads. An auditor breaks the glass here (a grant for a stated purpose
// and a limited time): while it lasts every read of this page sends it (X-Audit-Grant), the workshop's proposals show their
// texts instead of "withheld", events.jsonl has every line, and each read is logged on the grant.
import { api, el, language, localized, params } from './api.js';
import { languagePicker, loadTexts, t } from './i18n.js';
import { requireStaff, signOutButton } from './login.js';
import { resultBars } from './ballot.js';

const $ = id => document.getElementById(id);
const cities = ['cartagena', 'cluj-napoca', 'dietzenbach', 'linkoping', 'lublin', 'ravenna', 'riga'];
let session, cityId, workshopId = '';
let grant = null; // { grantId, expiresAt, workshopId } of the break-glass grant in use
const token = () => session.accessToken;
// A workshop's grant covers that workshop's reads; a city-wide read (the city's events.jsonl) needs a city grant.
const grantFits = cityWide => grant && new Date(grant.expiresAt) > new Date()
  && (!grant.workshopId || (!cityWide && grant.workshopId === workshopId));
/** Sign-in and, while a fitting grant lasts, the grant: every read of this page goes through here. */
const auth = ({ cityWide = false } = {}) => ({ token: token(), headers: grantFits(cityWide) ? { 'X-Audit-Grant': grant.grantId } : {} });

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
    el('section', { id: 'measures' }), el('section', { id: 'trace' }),
    el('section', { id: 'break-glass' }), el('section', { id: 'chain' }), el('section', { id: 'exports' }),
    el('section', { id: 'proposals' }), el('section', { id: 'subjects' }), el('section', { id: 'timeline' }), el('section', { id: 'as-of' }));
  api(`/api/cities/${cityId}/workshops`, auth()).then(rows => {
    workshops.replaceChildren(new Option('—', ''), ...rows.map(w => new Option(w.title, w.id)));
    const wanted = params().get('workshop');
    if (wanted) { workshops.value = wanted; showWorkshop(wanted); }
  });
  showChain(); showExports(); showMeasures(); showBreakGlass();
}

function showBreakGlass() {
  const box = $('break-glass');
  if (session.role !== 'auditor') { box.replaceChildren(); return; }
  const status = el('p', { id: 'grant-status', role: 'status' }, grant
    ? `${t('ui.grant-active', 'Grant in use until')} ${new Date(grant.expiresAt).toLocaleTimeString(language())} (${grant.workshopId ? t('ui.workshop', 'Workshop') : t('ui.city', 'City')})`
    : t('ui.grant-none', 'No grant: personal texts are withheld.'));
  const purpose = el('textarea', { id: 'grant-purpose', required: true, minlength: 10, maxlength: 500, rows: 2 });
  const scope = el('select', { id: 'grant-scope' }, new Option(t('ui.grant-city', 'The whole city'), ''),
    ...(workshopId ? [new Option(t('ui.grant-workshop', 'This workshop only'), workshopId, true, true)] : []));
  const minutes = el('input', { id: 'grant-minutes', type: 'number', min: 1, max: 240, value: 30, required: true });
  const error = el('p', { id: 'grant-error', role: 'alert' });
  const form = el('form', { id: 'grant-form', onsubmit: async e => {
    e.preventDefault();
    try {
      const { value: issued } = await api(`/api/cities/${cityId}/audit/access-grants`, { method: 'POST', token: token(),
        body: { purpose: purpose.value.trim(), workshopId: scope.value || null, minutes: Number(minutes.value) } });
      grant = { grantId: issued.grantId, expiresAt: issued.expiresAt, workshopId: scope.value || null };
      showBreakGlass(); showExports();
      if (workshopId) showWorkshop(workshopId);
    } catch (err) { error.textContent = err.message; }
  } },
    el('div', { class: 'row' }, el('label', { for: 'grant-purpose' }, t('ui.grant-purpose', 'Purpose (complaint or inquiry reference)')), purpose),
    el('div', { class: 'row' }, el('label', { for: 'grant-scope' }, t('ui.grant-scope', 'Scope')), scope,
      el('label', { for: 'grant-minutes' }, t('ui.grant-minutes', 'Minutes')), minutes),
    el('button', { type: 'submit' }, t('ui.grant-request', 'Break the glass')), error);
  const end = grant ? el('button', { type: 'button', id: 'grant-end', onclick: () => { grant = null; showBreakGlass(); showExports(); if (workshopId) showWorkshop(workshopId); } },
    t('ui.grant-end', 'Stop using the grant')) : '';
  box.replaceChildren(el('h2', {}, t('ui.break-glass', 'Break the glass')),
    el('p', {}, t('ui.break-glass-why', 'Personal texts stay withheld from auditors unless a grant is used; the grant and every read under it are logged for the city.')),
    status, end, form);
}

async function showMeasures() {
  const box = $('measures');
  box.replaceChildren(el('h2', {}, t('ui.measure-trace', 'How was this measure decided?')));
  let strategy;
  try { strategy = await api(`/api/cities/${cityId}/strategy`, auth()); } catch { box.append(el('p', {}, t('ui.nothing', 'Nothing yet.'))); return; }
  const measures = strategy.document.measures;
  const select = el('select', { id: 'trace-measure', onchange: e => showTrace(e.target.value) },
    new Option('—', ''), ...measures.map(m => new Option(m.title, m.id)));
  box.append(el('div', { class: 'row' }, el('label', { for: 'trace-measure' }, t('diff.MEASURE', 'Measure')), select));
  const wanted = params().get('measure');
  if (wanted && measures.some(m => m.id === wanted)) { select.value = wanted; showTrace(wanted); }
}

async function showTrace(measureId) {
  const box = $('trace');
  if (!measureId) { box.replaceChildren(); return; }
  const trace = await api(`/api/cities/${cityId}/strategy/measures/${measureId}/trace`, auth());
  const when = at => at ? new Date(at).toLocaleString(language()) : '—';
  const revision = r => el('dd', {}, `${t('ui.revision', 'Revision')} ${r.revisionNo} · ${r.change} · ${r.reason} · ${r.summary} · ${when(r.adoptedAt)} `,
    el('button', { type: 'button', class: 'trace-revision-timeline', onclick: () => showTimeline(`revisionNumber=${r.revisionNo}`) }, t('ui.timeline', 'Timeline')));
  const decision = d => d ? el('div', { class: 'card', 'data-decision': d.decisionId },
    el('p', {}, `${t('ui.decision', 'Decision')} · ${d.ruleApplied} · ${d.decidedByRole} · ${when(d.decidedAt)} `,
      el('button', { type: 'button', id: `trace-decision-timeline-${d.decisionId}`, onclick: () => showTimeline(`decisionId=${d.decisionId}`, d.roundIds[0]) },
        t('ui.timeline', 'Timeline'))),
    el('ul', {}, ...d.roundIds.map(r => el('li', {}, `${t('ui.round', 'Round')} ${r.slice(0, 8)} `,
      el('button', { type: 'button', class: 'trace-timeline', onclick: () => showTimeline(`roundId=${r}`, r) }, t('ui.timeline', 'Timeline')), ' ',
      el('button', { type: 'button', class: 'trace-as-of', onclick: async () => { await showTimeline(`roundId=${r}`, r); $('as-of-slider')?.focus(); } },
        t('ui.as-of', 'Results as of an event')), ' ',
      el('button', { type: 'button', class: 'trace-recount', onclick: async () => { await showTimeline(`roundId=${r}`, r); $('recount')?.scrollIntoView(); } },
        t('ui.recount', 'Recount'))))),
    el('p', {}, `${t('ui.adopted-proposals', 'Adopted proposals')}: `, d.adoptedProposals.map(p => `${p.proposalId.slice(0, 8)} v${p.proposalVersion}`).join(', ') || '—'))
    : el('p', {}, t('ui.no-decision', 'No recorded decision behind this revision.'));
  box.replaceChildren(el('h2', {}, `${t('ui.trace', 'Trace')}: ${trace.current?.title ?? measureId}`),
    el('dl', { class: 'trace', id: 'trace-list' },
      el('dt', {}, t('ui.added-in', 'Introduced by')), revision(trace.addedIn), el('dd', {}, decision(trace.addedIn.decision)),
      ...trace.changedIn.flatMap(r => [el('dt', {}, t('ui.changed-in', 'Changed by')), revision(r), el('dd', {}, decision(r.decision))]),
      el('dt', {}, t('ui.origin-proposals', 'Proposals it came from')),
      el('dd', {}, el('ul', { id: 'trace-proposals' }, ...trace.originProposals.map(p => el('li', {},
        `${p.proposalId.slice(0, 8)} · ${p.status ?? '—'} · ${t('ui.pinned', 'pinned')} v${p.pinnedVersion ?? '—'} · ${t('ui.current', 'current')} v${p.currentVersion ?? '—'}`))))),
    el('button', { type: 'button', id: 'trace-chain', onclick: () => { showChain(); $('chain').scrollIntoView(); } }, t('ui.verify-chain', 'Verify the hash chain')));
}

async function showChain() {
  const box = $('chain');
  box.replaceChildren(el('h2', {}, t('ui.chain', 'Hash chain')), el('p', { role: 'status', id: 'chain-status' }, '…'));
  try {
    const v = await api('/api/audit/chain/verify', { token: token() }); // the whole chain: no city, no grant
    $('chain-status').textContent = v.verified ? `${t('ui.verified', 'Verified')} · ${v.count} · ${v.head?.hash?.slice(0, 16) ?? ''}…`
      : `${t('ui.broken', 'Broken at')} ${v.firstBrokenSequence}: ${v.reason}`;
  } catch (e) { $('chain-status').textContent = e.message; }
}

function showExports() {
  const download = (path, name) => el('button', { type: 'button', onclick: async () => {
    const blob = await api(path, { ...auth({ cityWide: true }), raw: true }).then(r => r.blob());
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a); a.click(); a.remove();
  } }, name);
  $('exports').replaceChildren(el('h2', {}, t('ui.exports', 'Exports')), el('div', { class: 'row' },
    download(`/api/audit/export/events.jsonl?cityId=${cityId}`, 'events.jsonl'),
    ...['workshops', 'proposals', 'decisions', 'ballots'].map(m => download(`/api/cities/${cityId}/audit/export/${m}.csv`, `${m}.csv`))));
}

async function showWorkshop(id) {
  workshopId = id;
  showBreakGlass();
  if (!workshopId) return;
  const base = `/api/cities/${cityId}/workshops/${workshopId}`;
  const [board, decisions] = await Promise.all([api(`${base}/board`, auth()), api(`${base}/decisions`, auth()).catch(() => [])]);
  const text = p => p.text?.state === 'WITHHELD' ? t('ui.withheld', 'withheld (break the glass to read)') : (p.text?.text ?? '');
  $('proposals').replaceChildren(el('h2', {}, t('ui.proposals', 'Proposals')), el('ul', { id: 'audit-proposals' },
    ...board.proposals.map(p => el('li', { 'data-proposal': p.id }, `v${p.currentVersion} · ${p.status} · `, text(p)))));
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
    const page = await api(`/api/cities/${cityId}/audit/timeline?${query}${after ? `&after=${after}` : ''}`, auth());
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
    try { results.replaceChildren(resultBars((await api(`/api/cities/${cityId}/audit/rounds/${roundId}/results?sequence=${sequence}`, auth())).state)); }
    catch (e) { results.replaceChildren(el('p', {}, e.message)); }
  };
  slider.addEventListener('input', show);
  box.replaceChildren(el('h2', {}, t('ui.as-of', 'Results as of an event')),
    el('label', { for: 'as-of-slider' }, t('ui.as-of-event', 'Event')), slider, label, results,
    el('h2', {}, t('ui.recount', 'Recount')), recount);
  show();
  try {
    const r = await api(`/api/cities/${cityId}/audit/rounds/${roundId}/recount`, auth());
    recount.textContent = r.matches ? t('ui.recount-matches', 'The recount matches the reported results.') : `${t('ui.recount-differs', 'The recount differs')}: ${r.differences.join('; ')}`;
  } catch (e) { recount.textContent = e.message; }
}

await loadTexts();
languagePicker($('lang'));
requireStaff($('main'), ready);
