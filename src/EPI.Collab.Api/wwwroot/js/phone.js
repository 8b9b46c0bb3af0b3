// The phone page: join by code or QR link (/join/{code}), language, phase, proposals, comments, ballots, live results.
import { api, el, language, params, store } from './api.js';
import { languagePicker, loadTexts, t } from './i18n.js';
import { followWorkshop } from './live.js';
import { Outbox, ballotForm, ballotState, knowProposals, resultBars } from './ballot.js';
import { proposalsAsShown, readingOf, textBlock } from './translations.js';

const $ = id => document.getElementById(id);
const groups = ['LOCAL_AUTHORITY', 'WELFARE_INSTITUTION', 'CIVIL_SOCIETY_ORGANISATION', 'GRASSROOTS_NGO', 'MIGRANT_LED_ORGANISATION',
  'BUSINESS', 'ACADEMIA', 'RESIDENT', 'OTHER'];
const codeFromPath = () => (location.pathname.match(/^\/join\/([^/]+)/)?.[1] ?? params().get('code') ?? '').toUpperCase();
const normalize = code => code.replace(/[\s-]/g, '').toUpperCase();

let session = null, live = null, outbox = null, board = null;
const rules = {};
const openThreads = new Set();
const forms = new Map();

function fillGroups() {
  const current = $('group').value;
  // No group is preselected: a participant who does not choose must not be counted as any group.
  const none = new Option(t('ui.choose-group', 'Choose…'), '', false, current === '');
  none.disabled = true;
  $('group').replaceChildren(none, ...groups.map(g => new Option(t(`group.${g}`, g), g, false, g === current)));
}

function setConnection(state) {
  $('connection').dataset.state = state;
  $('connection').textContent = { live: t('ui.live', 'Live'), reconnecting: t('ui.reconnecting', 'Reconnecting…'), offline: t('ui.offline', 'Offline') }[state];
}

async function join(event) {
  event.preventDefault();
  $('join-error').textContent = '';
  const code = normalize($('code').value);
  try {
    const found = await api(`/api/join/${encodeURIComponent(code)}`);
    showSeat(found.admission);
    const existing = store.get(`epi.phone.${found.workshopId}`);
    // This device was here before: come back as the same participant (no second voter), whatever happened to its token.
    const back = existing?.rejoinSecret ? await rejoin(existing).catch(e => (e.code === 'participant-removed' ? 'removed' : null)) : null;
    if (back === 'removed') { session = { ...existing, standing: 'REMOVED' }; showRemoved(); return; }
    if (back) { session = back; enter(); return; }
    const joined = await api(found.joinUrl, {
      method: 'POST', token: existing?.token,
      body: { joinCode: code, group: $('group').value || null, preferredLanguage: language(), displayName: $('name').value || null,
        seatCode: found.admission === 'SEAT_CODES' ? normalize($('seat-code').value) || null : null } });
    session = { cityId: joined.cityId, workshopId: joined.workshopId, token: joined.accessToken, expiresAt: joined.expiresAt, code,
      rejoinSecret: joined.rejoinSecret ?? existing?.rejoinSecret ?? null, participantId: joined.participantId,
      standing: joined.standing, pseudonym: joined.pseudonym };
    store.set(`epi.phone.${joined.workshopId}`, session);
    store.set(`epi.phone.code.${code}`, joined.workshopId);
    enter();
  } catch (error) {
    $('join-error').textContent = error.message;
  }
}

/** A new token for the participant this device already is, from the rejoin secret it keeps since it joined. */
async function rejoin(saved) {
  const joined = await api(`/api/cities/${saved.cityId}/workshops/${saved.workshopId}/participants/rejoin`, {
    method: 'POST', body: { rejoinSecret: saved.rejoinSecret } });
  const renewed = { ...saved, token: joined.accessToken, expiresAt: joined.expiresAt, participantId: joined.participantId,
    standing: joined.standing, pseudonym: joined.pseudonym };
  store.set(`epi.phone.${saved.workshopId}`, renewed);
  return renewed;
}

/** SEAT_CODES: the join needs the code printed on the seat card. */
function showSeat(admission) {
  $('seat').hidden = admission !== 'SEAT_CODES';
  $('seat-code').required = admission === 'SEAT_CODES';
}

/** PENDING: the phone follows the room but waits until the facilitator admits it (a live message ends the wait). */
function showStanding() {
  const waiting = session.standing === 'PENDING';
  $('waiting').hidden = !waiting;
  $('pseudonym').textContent = session.pseudonym ?? '';
  $('propose-form').hidden = waiting;
  $('rounds').hidden = waiting;
}

/** Removed or refused: the token no longer works; nothing more to do here. */
function showRemoved() {
  live?.stop();
  store.set(`epi.phone.${session.workshopId}`, { ...session, token: null, standing: 'REMOVED' });
  $('workshop').hidden = true;
  $('waiting').hidden = true;
  $('join').hidden = true;
  $('connection').hidden = true;
  $('removed').hidden = false;
}

function mine(message) { return message.data?.participantId === session.participantId; }

function enter() {
  if (session.standing === 'REMOVED') { showRemoved(); return; }
  $('connection').hidden = false;
  $('join').hidden = true;
  $('workshop').hidden = false;
  showStanding();
  outbox = new Outbox(session, () => render(), () => live?.connection);
  live = followWorkshop({ ...session, onBoard: b => { board = b; render(); }, onStatus: setConnection,
    onMessage: m => {
      if (m.type === 'round.opened' || m.type === 'round.rules-changed') rules[m.data.roundId] = m.data.rules;
      if (m.type === 'participant.admitted' && mine(m)) {
        session = { ...session, standing: 'ADMITTED' };
        store.set(`epi.phone.${session.workshopId}`, session);
        showStanding();
      }
      if ((m.type === 'participant.removed' || m.type === 'participant.refused') && mine(m)) showRemoved();
    } });
  outbox.flush();
}

/** Dot rounds need the budget, which only the round.opened message carries: read it from the stored feed once. */
async function loadRules() {
  let after = 0;
  for (;;) {
    const page = await api(`/api/cities/${session.cityId}/workshops/${session.workshopId}/feed?after=${after}`, { token: session.token });
    for (const m of page) if (m.type === 'round.opened' || m.type === 'round.rules-changed') rules[m.data.roundId] = m.data.rules;
    if (page.length < 500) return;
    after = page[page.length - 1].position;
  }
}

function render() {
  if (!board) return;
  const lang = language();
  $('title').textContent = board.title;
  showQuestion(lang);
  const phase = board.agenda.find(p => p.phaseId === board.currentPhaseId);
  $('phase').textContent = phase
    ? `${t('ui.phase', 'Now')}: ${phase.title ?? t(`phase.${phase.type}`, phase.type)}`
    : t(`status.${board.status}`, board.status);
  knowProposals(proposalsAsShown(board, lang));
  renderRounds(lang);
  renderProposals();
}

// Staff texts may exist in several languages: the phone's own, else the first (the original), translated where the board can.
const inLanguage = (texts, lang) => (texts ?? []).find(x => x.lang === lang) ?? (texts ?? [])[0];

function showQuestion(lang) {
  $('question').replaceChildren(textBlock('p', board, 'FOCUS_QUESTION', board.id, inLanguage(board.focusQuestion, lang), lang, render));
}

function renderRounds(lang) {
  const rounds = board.rounds.filter(r => r.status === 'OPEN' || r.results);
  if (rounds.some(r => r.method === 'DOT' && !rules[r.roundId]) && !loadRules.running) {
    loadRules.running = loadRules().then(render).finally(() => { loadRules.running = null; });
  }
  $('rounds').replaceChildren(...(rounds.length ? rounds.map(round => {
    const entry = outbox.get(round.roundId);
    const open = round.status === 'OPEN';
    const editable = open && (!entry || entry.state === 'refused' || (round.ballotsChangeable && entry.state === 'confirmed'));
    // Keep a form the participant is filling in: a live update must not wipe their taps.
    const kept = forms.get(round.roundId);
    let form = null;
    if (editable && kept && kept.state === entry?.state) form = kept.form;
    else if (editable && !(round.method === 'DOT' && !rules[round.roundId])) {
      form = ballotForm(round, rules[round.roundId], marks => outbox.cast(round.roundId, marks, readingOf(board, round, lang)).then(render), entry?.marks);
      forms.set(round.roundId, { form, state: entry?.state });
    }
    return el('article', { class: 'round', 'data-round': round.roundId },
      textBlock('h3', board, 'ROUND_QUESTION', round.roundId, inLanguage(round.question, lang), lang, render),
      el('p', { class: 'meta' }, t(`method.${round.method}`, round.method), ' · ', t(`round.${round.status}`, round.status),
        ' · ', `${round.ballots + round.paperBallots} ${t('ui.ballots', 'ballots')}`),
      open ? ballotState(entry) : null,
      form,
      round.results ? resultBars(round.results) : null);
  }) : [el('p', {}, t('ui.no-round', 'No vote is open.'))]));
}

function renderProposals() {
  $('proposals').replaceChildren(...board.proposals.filter(p => !p.hidden).map(p => {
    const thread = el('div', { class: 'thread', id: `thread-${p.id}` });
    const card = el('li', { class: 'card', 'data-proposal': p.id },
      textBlock('p', board, 'PROPOSAL', p.id, p.text, language(), render),
      el('button', { type: 'button', class: 'link', 'aria-expanded': String(openThreads.has(p.id)), 'aria-controls': `thread-${p.id}`,
        onclick: () => { openThreads.has(p.id) ? openThreads.delete(p.id) : openThreads.add(p.id); renderProposals(); } },
        `${t('ui.comments', 'Comments')} (${p.commentCount})`),
      thread);
    if (openThreads.has(p.id)) loadThread(p, thread);
    return card;
  }));
}

// A comment being written survives the board re-rendering under it (someone else's proposal, a count changing):
// its kind, text and status live here, per proposal, not in the DOM.
const drafts = new Map();
const draftOf = id => drafts.get(id) ?? drafts.set(id, { kind: 'QUESTION', text: '', status: '' }).get(id);

function showCommentStatus(id, message) {
  draftOf(id).status = message;
  const live = document.querySelector(`#thread-${id} .comment-form [role=status]`);
  if (live) live.textContent = message;
}

async function loadThread(proposal, container) {
  const base = `/api/cities/${session.cityId}/workshops/${session.workshopId}/proposals/${proposal.id}/comments`;
  const comments = await api(base, { token: session.token }).catch(() => []);
  const kind = el('select', { id: `kind-${proposal.id}` }, ...['QUESTION', 'SUPPORT', 'CONCERN', 'AMENDMENT', 'DISSENT']
    .map(k => new Option(t(`comment.${k}`, k), k)));
  const text = el('textarea', { id: `comment-${proposal.id}`, rows: 2, maxlength: 2000, required: true });
  const draft = draftOf(proposal.id);
  kind.value = draft.kind;
  text.value = draft.text;
  kind.addEventListener('change', () => { draft.kind = kind.value; });
  text.addEventListener('input', () => { draft.text = text.value; });
  const status = el('p', { role: 'status' }, draft.status);
  container.replaceChildren(
    el('ul', { class: 'comments' }, ...comments.filter(c => c.text).map(c => el('li', {}, el('strong', {}, t(`comment.${c.kind}`, c.kind)), ': ', textBlock('span', board, 'COMMENT', c.id, c.text, language(), render)))),
    el('form', { class: 'comment-form', onsubmit: async e => {
      e.preventDefault();
      try {
        await api(base, { method: 'POST', token: session.token,
          body: { kind: kind.value, text: { lang: language(), text: text.value }, proposalVersion: proposal.currentVersion } });
        draft.text = '';
        text.value = '';
        showCommentStatus(proposal.id, t('ui.sent', 'Sent.'));
      } catch (error) { showCommentStatus(proposal.id, error.message); }
    } },
      el('label', { for: kind.id }, t('ui.comment-kind', 'Kind')), kind,
      el('label', { for: text.id }, t('ui.comment', 'Your comment')), text,
      el('button', { type: 'submit' }, t('ui.send', 'Send')), status));
}

async function propose(event) {
  event.preventDefault();
  const text = $('proposal-text');
  try {
    await api(`/api/cities/${session.cityId}/workshops/${session.workshopId}/proposals`, {
      method: 'POST', token: session.token, body: { text: { lang: language(), text: text.value } } });
    text.value = '';
    $('propose-status').textContent = t('ui.sent', 'Sent.');
  } catch (error) { $('propose-status').textContent = error.message; }
}

async function main() {
  await loadTexts();
  languagePicker($('lang'), () => { fillGroups(); if (session) { setConnection($('connection').dataset.state); render(); } });
  fillGroups();
  setConnection('offline');
  const code = normalize(codeFromPath());
  $('code').value = code;
  $('join-form').addEventListener('submit', join);
  $('propose-form').addEventListener('submit', propose);
  if (code) api(`/api/join/${encodeURIComponent(code)}`).then(found => showSeat(found.admission)).catch(() => {});
  const known = code && store.get(`epi.phone.code.${code}`);
  const saved = known && store.get(`epi.phone.${known}`);
  if (saved && new Date(saved.expiresAt) > new Date()) { session = saved; enter(); }
  else if (saved?.rejoinSecret) {
    const back = await rejoin(saved).catch(e => (e.code === 'participant-removed' ? 'removed' : null));
    if (back === 'removed') { session = { ...saved, standing: 'REMOVED' }; showRemoved(); }
    else if (back) { session = back; enter(); }
  }
}

main();
