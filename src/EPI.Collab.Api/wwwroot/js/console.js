// Facilitator console: schedule and open a workshop, join code and QR, phases, moderation, clusters, rounds, paper tallies, decisions.
import { api, el, language, localized, params, staff } from './api.js';
import { languagePicker, languages, loadTexts, t } from './i18n.js';
import { requireStaff, signOutButton } from './login.js';
import { followWorkshop } from './live.js';
import { knowProposals, optionLabel, resultBars } from './ballot.js';
import { objectionsPanel } from './objections.js';

/* global signalR */

const $ = id => document.getElementById(id);
const cities = ['cartagena', 'cluj-napoca', 'dietzenbach', 'linkoping', 'lublin', 'ravenna', 'riga'];
const methods = ['APPROVAL', 'DOT', 'RANKED', 'SCORE', 'IMPACT_FEASIBILITY', 'CONSENT'];
const phases = ['WELCOME', 'BRAINSTORM', 'CLUSTER', 'VOTE', 'DECIDE', 'CLOSE'];
let session, cityId, workshopId, version = 0, live = null, board = null;
const chosen = new Set();
const openThreads = new Set();
const roundVersions = {};

const token = () => session.accessToken;
const base = () => `/api/cities/${cityId}/workshops/${workshopId}`;
const say = (target, text, error = false) => { target.textContent = text; target.className = error ? 'error' : ''; };
async function act(status, work) {
  try { await work(); say(status, t('ui.done', 'Done.')); } catch (e) { say(status, e.message, true); }
}

function ready(s) {
  session = s;
  $('who').replaceChildren(`${s.role}${s.city ? ` · ${s.city}` : ''} `, signOutButton());
  cityId = s.city ?? params().get('city') ?? 'cluj-napoca';
  workshopId = params().get('workshop');
  renderShell();
}

function renderShell() {
  const status = el('p', { role: 'status' });
  const title = el('input', { id: 'ws-title', required: true, maxlength: 200 });
  const question = el('textarea', { id: 'ws-question', required: true, rows: 2 });
  const langs = Object.entries(languages).map(([code, name]) => el('label', { class: 'inline' },
    el('input', { type: 'checkbox', value: code, checked: code === 'en' || code === language(), name: 'ws-lang' }), name));
  const citySelect = el('select', { id: 'city', disabled: !!session.city,
    onchange: e => { cityId = e.target.value; workshopId = null; renderShell(); } },
    ...cities.map(c => new Option(c, c, false, c === cityId)));
  const list = el('select', { id: 'workshop-select', onchange: e => { workshopId = e.target.value || null; selectWorkshop(); } });
  $('main').replaceChildren(
    el('div', { class: 'row' }, el('label', { for: 'city' }, t('ui.city', 'City')), citySelect,
      el('label', { for: 'workshop-select' }, t('ui.workshop', 'Workshop')), list),
    el('details', { open: !workshopId }, el('summary', {}, t('ui.schedule', 'Schedule a workshop')),
      el('form', { id: 'schedule-form', onsubmit: e => { e.preventDefault(); act(status, async () => {
        const created = await api(`/api/cities/${cityId}/workshops`, { method: 'POST', token: token(), body: {
          kind: 'POLICY_DESIGN_ROUND_TABLE', title: title.value, focusQuestion: [{ lang: language(), text: question.value }],
          languages: [...document.querySelectorAll('input[name=ws-lang]:checked')].map(i => i.value),
          agenda: phases.map(type => ({ type, plannedMinutes: 10 })) } });
        workshopId = created.value; version = 1;
        await loadWorkshops(list);
        selectWorkshop();
      }); } },
      el('label', { for: 'ws-title' }, t('ui.title', 'Title')), title,
      el('label', { for: 'ws-question' }, t('ui.focus-question', 'Focus question')), question,
      el('fieldset', {}, el('legend', {}, t('ui.languages', 'Languages')), ...langs),
      el('button', { type: 'submit', class: 'primary' }, t('ui.schedule-button', 'Schedule')), status)),
    el('section', { id: 'workshop' }));
  loadWorkshops(list).then(selectWorkshop);
}

async function loadWorkshops(list) {
  const rows = await api(`/api/cities/${cityId}/workshops`, { token: token() }).catch(() => []);
  list.replaceChildren(new Option('—', ''), ...rows.map(w => new Option(`${w.title} (${t(`status.${w.status}`, w.status)})`, w.id, false, w.id === workshopId)));
}

async function selectWorkshop() {
  live?.stop();
  live = null; board = null;
  const panel = $('workshop');
  if (!workshopId) { panel.replaceChildren(); return; }
  history.replaceState(null, '', `?city=${cityId}&workshop=${workshopId}`);
  const row = await api(base().replace(/\/$/, ''), { token: token() });
  version = row.version || version;
  panel.replaceChildren(
    el('h2', { id: 'ws-name' }, row.title),
    el('div', { id: 'ws-status' }),
    el('div', { class: 'grid2' }, el('section', { id: 'phases', 'aria-label': t('ui.phases', 'Phases') }), el('section', { id: 'join-box' })),
    el('p', { id: 'burst-banner', class: 'error banner', role: 'alert', hidden: true }),
    el('section', { id: 'admission', 'aria-labelledby': 'admission-h' }),
    el('h2', {}, t('ui.proposals', 'Proposals')), el('div', { id: 'clusters' }), el('ul', { id: 'proposal-list', class: 'cards' }),
    el('h2', {}, t('ui.new-round', 'Open a round')), roundForm(),
    el('h2', {}, t('ui.rounds', 'Rounds')), el('div', { id: 'round-list' }),
    el('h2', {}, t('ui.record-decision', 'Record a decision')), el('div', { id: 'decision-box' }));
  live = followWorkshop({ cityId, workshopId, token: token(), onBoard: b => { board = b; renderBoard(); },
    onStatus: s => { $('connection').dataset.state = s; $('connection').textContent = t(`ui.${s}`, s); },
    onMessage: m => { if (m.type.startsWith('participant')) renderRoom(); } });
  watchAdmission();
  renderRoom();
}

// Admission: mode and cap, seat codes, the room by group (the API already says "<5"), joins waiting, removal, burst alerts.
let admissionHub = null;
const modes = ['OPEN', 'FACILITATOR_ADMITS', 'SEAT_CODES'];
const reasons = ['DUPLICATE_DEVICE', 'NOT_IN_THE_ROOM', 'DISRUPTIVE', 'JOINED_BY_MISTAKE', 'OTHER'];

function watchAdmission() {
  admissionHub?.stop();
  const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/collab', { accessTokenFactory: token }).withAutomaticReconnect().build();
  const watch = () => connection.invoke('WatchAdmission', cityId, workshopId).catch(() => {});
  connection.on('JoinBurst', alert => {
    const banner = $('burst-banner');
    if (!banner) return;
    banner.hidden = false;
    banner.textContent = `${t('ui.join-burst', 'Join burst')}: ${alert.joins} ${t('ui.joins-last-minute', 'joins in the last minute')} `
      + `(${t('ui.limit', 'limit')} ${alert.limit}, ${t('ui.refused', 'refused')} ${alert.refused})`;
  });
  connection.onreconnected(watch);
  connection.start().then(watch).catch(() => {});
  admissionHub = connection;
}

async function printSeatCodes() {
  const list = await api(`${base()}/seat-codes`, { token: token() });
  const page = window.open('', '_blank');
  if (!page) return;
  page.document.title = t('ui.seat-codes', 'Seat codes');
  page.document.body.replaceChildren(...list.codes.filter(c => !c.used).map(c => {
    const card = page.document.createElement('p');
    card.style.cssText = 'font: 2rem monospace; border: 1px dashed #000; padding: 1rem; break-inside: avoid';
    card.textContent = `${board?.joinCode ?? ''} · ${c.code}`;
    return card;
  }));
  page.print();
}

/** Reads the room and draws the panel; `message` goes into its status line (the panel is drawn anew each time). */
async function renderRoom(message = '') {
  const room = await api(`${base()}/room`, { token: token() }).catch(() => null);
  const box = $('admission');
  if (!room || !box) return;
  const status = el('p', { role: 'status' }, message);
  const mode = el('select', { id: 'admission-mode' }, ...modes.map(m => new Option(t(`ui.mode-${m.toLowerCase().replaceAll('_', '-')}`, m), m, false, m === room.admission)));
  const cap = el('input', { id: 'admission-cap', type: 'number', min: 1, max: 10000, value: room.cap ?? '' });
  const count = el('input', { id: 'seat-count', type: 'number', min: 1, max: 200, value: 10 });
  const done = t('ui.done', 'Done.');
  const act2 = (path, body) => act(status, async () => { await api(`${base()}${path}`, { method: 'POST', token: token(), body }); await renderRoom(done); });
  box.replaceChildren(
    el('h2', { id: 'admission-h' }, t('ui.admission', 'Admission')),
    el('form', { class: 'row', id: 'admission-form', onsubmit: e => { e.preventDefault(); act(status, async () => {
      version = (await api(`${base()}/admission`, { method: 'POST', token: token(),
        body: { version, mode: mode.value, cap: cap.value ? Number(cap.value) : null } })).version;
      await renderRoom(done);
    }); } },
      el('label', { for: 'admission-mode' }, t('ui.admission-mode', 'Who may enter')), mode,
      el('label', { for: 'admission-cap' }, t('ui.cap', 'Participant cap')), cap,
      el('button', { type: 'submit' }, t('ui.save', 'Save'))),
    el('form', { class: 'row', id: 'seat-form', onsubmit: e => { e.preventDefault(); act(status, async () => {
      version = (await api(`${base()}/seat-codes`, { method: 'POST', token: token(), body: { version, count: Number(count.value) } })).version;
      await printSeatCodes();
      await renderRoom(done);
    }); } },
      el('label', { for: 'seat-count' }, t('ui.seat-codes', 'Seat codes')), count,
      el('button', { type: 'submit' }, t('ui.print-seat-codes', 'Issue and print')),
      el('button', { type: 'button', onclick: () => printSeatCodes() }, t('ui.reprint-seat-codes', 'Print again')),
      el('span', { id: 'seat-total' }, `${t('ui.seat-codes', 'Seat codes')}: ${room.seats}`)),
    el('h3', {}, t('ui.room-by-group', 'In the room by group'), ': ', el('strong', { id: 'room-total' }, room.admitted)),
    el('table', { id: 'room-groups' }, ...room.groups.map(g => el('tr', {},
      el('th', { scope: 'row' }, t(`group.${g.group}`, g.group)), el('td', { 'data-group': g.group }, g.count)))),
    el('h3', {}, t('ui.waiting-list', 'Waiting to be admitted')),
    room.waiting.length ? el('ul', { id: 'waiting-list' }, ...room.waiting.map(p => el('li', { 'data-participant': p.participantId },
      el('strong', {}, p.pseudonym), ' ',
      el('button', { class: 'primary', onclick: () => act2(`/participants/${p.participantId}/admit`, { version: p.version }) }, t('ui.admit', 'Admit')), ' ',
      el('button', { onclick: () => act2(`/participants/${p.participantId}/refuse`, { version: p.version }) }, t('ui.refuse', 'Refuse')))))
      : el('p', {}, t('ui.no-one-waiting', 'No one is waiting.')),
    el('details', {}, el('summary', {}, `${t('ui.participants', 'Participants')} (${room.participants.length})`),
      el('ul', { id: 'participant-list' }, ...room.participants.map(p => {
        const reason = el('select', { id: `reason-${p.participantId}`, 'aria-label': t('ui.removal-reason', 'Reason') },
          ...reasons.map(r => new Option(t(`ui.reason-${r.toLowerCase().replaceAll('_', '-')}`, r), r)));
        return el('li', { 'data-participant': p.participantId }, el('strong', {}, p.pseudonym), ' ', reason, ' ',
          el('button', { class: 'danger', onclick: () => act2(`/participants/${p.participantId}/remove`, { version: p.version, reason: reason.value }) },
            t('ui.remove', 'Remove')));
      }))),
    status);
}

function renderBoard() {
  knowProposals(board.proposals);
  const status = el('p', { role: 'status' });
  $('ws-status').replaceChildren(el('p', {}, `${t('ui.status', 'Status')}: `, el('strong', { id: 'ws-state' }, t(`status.${board.status}`, board.status)),
    ` · ${t('ui.participants', 'Participants')}: `, el('strong', { id: 'participant-count' }, board.participantCount)),
    board.status === 'SCHEDULED' ? el('button', { id: 'open-workshop', class: 'primary', onclick: () => act(status, async () => {
      const opened = await api(`${base()}/open`, { method: 'POST', token: token(), body: { version } });
      version = opened.version;
    }) }, t('ui.open-workshop', 'Open the workshop')) : '',
    board.status === 'OPEN' || board.status === 'IN_PROGRESS' ? el('button', { id: 'close-workshop', onclick: () => act(status, async () => {
      version = (await api(`${base()}/close`, { method: 'POST', token: token(), body: { version } })).version;
    }) }, t('ui.close-workshop', 'Close the workshop')) : '', status);
  renderPhases(); renderJoin(); renderProposals(); renderRounds(); renderDecision();
}

function renderPhases() {
  const status = el('p', { role: 'status' });
  const live = board.status === 'OPEN' || board.status === 'IN_PROGRESS';
  $('phases').replaceChildren(el('h3', {}, t('ui.phases', 'Phases')), el('ol', {}, ...board.agenda.map(p => el('li', {},
    `${p.title ?? t(`phase.${p.type}`, p.type)} (${p.plannedMinutes}′) `,
    p.phaseId === board.currentPhaseId
      ? el('button', { onclick: () => act(status, async () => {
        version = (await api(`${base()}/phases/${p.phaseId}/end`, { method: 'POST', token: token(), body: { version } })).version; }) },
        t('ui.end-phase', 'End'))
      : live ? el('button', { 'data-phase': p.type, onclick: () => act(status, async () => {
        version = (await api(`${base()}/phases/${p.phaseId}/start`, { method: 'POST', token: token(), body: { version } })).version; }) },
        t('ui.start-phase', 'Start')) : null))), status);
}

async function renderJoin() {
  const box = $('join-box');
  if (!board.joinCode) { box.replaceChildren(); return; }
  if (box.dataset.code === board.joinCode) return;
  box.dataset.code = board.joinCode;
  const img = el('img', { class: 'qr', alt: `${t('ui.qr', 'QR code to join')}: ${board.joinCode}`, width: 200, height: 200 });
  box.replaceChildren(el('h3', {}, t('ui.join-code', 'Join code')), el('p', { id: 'join-code', class: 'code' }, board.joinCode), img,
    el('p', {}, el('a', { href: `/screen.html?city=${cityId}&workshop=${workshopId}`, target: '_blank', id: 'screen-link' }, t('ui.projector', 'Open the projector screen'))));
  const png = await api(`${base()}/join-qr`, { token: token(), raw: true }).then(r => r.blob()).catch(() => null);
  if (png) img.src = URL.createObjectURL(png);
}

async function proposalVersion(id) { return (await api(`${base()}/proposals/${id}`, { token: token() })).version; }

function renderProposals() {
  const status = el('p', { role: 'status' });
  const clusterName = el('input', { id: 'cluster-name', minlength: 3, maxlength: 100 });
  if (!$('clusters').childElementCount) $('clusters').replaceChildren(el('form', { class: 'row', onsubmit: e => { e.preventDefault(); act(status, () =>
    api(`${base()}/clusters`, { method: 'POST', token: token(), body: { name: { lang: language(), text: clusterName.value } } })); } },
  el('label', { for: 'cluster-name' }, t('ui.new-cluster', 'New cluster')), clusterName, el('button', { type: 'submit' }, t('ui.create', 'Create'))), status);
  $('proposal-list').replaceChildren(...board.proposals.map(p => {
    const reason = el('input', { id: `hide-${p.id}`, placeholder: t('ui.reason', 'Reason') });
    const cluster = el('select', { id: `cluster-${p.id}`, onchange: e => e.target.value && act(status, async () =>
      api(`${base()}/proposals/${p.id}/cluster`, { method: 'POST', token: token(), body: { version: await proposalVersion(p.id), clusterId: e.target.value } })) },
    new Option(t('ui.no-cluster', 'No cluster'), ''), ...board.clusters.map(c => new Option(localized([c.name], language()), c.id, false, c.id === p.clusterId)));
    return el('li', { class: 'card', 'data-proposal': p.id },
      el('label', { class: 'inline' }, el('input', { type: 'checkbox', class: 'pick', checked: chosen.has(p.id),
        onchange: e => { e.target.checked ? chosen.add(p.id) : chosen.delete(p.id); } }), p.text?.text ?? '—'),
      el('p', { class: 'meta' }, `${t(`proposal.${p.status}`, p.status)}${p.hidden ? ` · ${t('ui.hidden', 'hidden')}` : ''} · ${t('ui.comments', 'Comments')}: ${p.commentCount}`),
      el('div', { class: 'row' }, el('label', { for: cluster.id }, t('ui.cluster', 'Cluster')), cluster,
        p.hidden ? null : el('label', { for: reason.id, class: 'sr-only' }, t('ui.reason', 'Reason')), p.hidden ? null : reason,
        p.hidden ? null : el('button', { onclick: () => act(status, async () => api(`${base()}/proposals/${p.id}/hide`, {
          method: 'POST', token: token(), body: { version: await proposalVersion(p.id), reason: reason.value || 'moderation' } })) },
        t('ui.hide', 'Hide'))),
      el('button', { type: 'button', class: 'link', 'aria-expanded': String(openThreads.has(p.id)), onclick: () => {
        openThreads.has(p.id) ? openThreads.delete(p.id) : openThreads.add(p.id); renderProposals(); } },
      `${t('ui.comments', 'Comments')} (${p.commentCount})`),
      openThreads.has(p.id) ? thread(p.id, status) : null);
  }));
}

/** A proposal's comments as staff see them (hidden ones too), each with a moderation button. */
function thread(proposalId, status) {
  const list = el('ul', { class: 'comments', 'data-thread': proposalId });
  api(`${base()}/proposals/${proposalId}/comments`, { token: token() }).then(comments => list.replaceChildren(...comments.map(c =>
    el('li', {}, el('strong', {}, t(`comment.${c.kind}`, c.kind)), ': ', c.text?.text ?? '', c.hidden ? ` (${t('ui.hidden', 'hidden')})` : ' ',
      c.hidden ? null : el('button', { type: 'button', class: 'hide-comment', onclick: () => act(status, async () => {
        await api(`${base()}/comments/${c.id}/hide`, { method: 'POST', token: token(), body: { version: c.version, reason: 'moderation' } });
        renderProposals();
      }) }, t('ui.hide', 'Hide')))))).catch(e => say(status, e.message, true));
  return list;
}

function roundForm() {
  const status = el('p', { role: 'status' });
  const q = el('input', { id: 'round-question', required: true });
  const method = el('select', { id: 'round-method' }, ...methods.map(m => new Option(t(`method.${m}`, m), m)));
  const visibility = el('select', { id: 'round-visibility' }, new Option(t('ui.live-results', 'Results live'), 'LIVE'),
    new Option(t('ui.hidden-results', 'Results after the close'), 'HIDDEN_UNTIL_CLOSE'));
  const changeable = el('input', { type: 'checkbox', id: 'round-changeable' });
  const secret = el('input', { type: 'checkbox', id: 'round-secret' });
  const budget = el('input', { type: 'number', id: 'round-budget', min: 1, max: 100, value: 5 });
  const perOption = el('input', { type: 'number', id: 'round-per-option', min: 1, max: 100, value: 3 });
  return el('form', { id: 'round-form', onsubmit: e => { e.preventDefault(); act(status, async () => {
    const isDot = method.value === 'DOT';
    await api(`${base()}/rounds`, { method: 'POST', token: token(), body: {
      question: [{ lang: language(), text: q.value }], options: [...chosen],
      rules: { method: method.value, visibility: visibility.value, ballotsChangeable: changeable.checked, secret: secret.checked,
        dotBudget: isDot ? Number(budget.value) : null, maxDotsPerOption: isDot ? Number(perOption.value) : null } } });
    chosen.clear();
  }); } },
  el('p', { class: 'hint' }, t('ui.round-hint', 'Tick the proposals above that become options.')),
  el('label', { for: 'round-question' }, t('ui.question', 'Question')), q,
  el('div', { class: 'row' }, el('label', { for: 'round-method' }, t('ui.method', 'Method')), method,
    el('label', { for: 'round-visibility' }, t('ui.visibility', 'Results')), visibility),
  el('div', { class: 'row' }, el('label', { class: 'inline', for: 'round-changeable' }, changeable, t('ui.changeable', 'Ballots can change')),
    el('label', { class: 'inline', for: 'round-secret' }, secret, t('ui.secret', 'Secret ballot'))),
  el('div', { class: 'row' }, el('label', { for: 'round-budget' }, t('ui.dot-budget', 'Dots per person')), budget,
    el('label', { for: 'round-per-option' }, t('ui.dots-per-option', 'Dots per option')), perOption),
  el('button', { type: 'submit', class: 'primary' }, t('ui.open-round', 'Open the round')), status);
}

function renderRounds() {
  const status = el('p', { role: 'status' });
  $('round-list').replaceChildren(...board.rounds.map(r => {
    const paperBallots = el('input', { type: 'number', min: 1, id: `paper-${r.roundId}`, value: 1 });
    const counts = r.options.map(o => el('input', { type: 'number', min: 0, value: 0, id: `paper-${r.roundId}-${o.optionId}`, 'data-option': o.optionId }));
    const roundVersion = async () => roundVersions[r.roundId] ?? 1;
    return el('article', { class: 'round', 'data-round': r.roundId },
      el('h3', {}, localized(r.question, language())),
      el('p', { class: 'meta' }, `${t(`method.${r.method}`, r.method)} · ${t(`round.${r.status}`, r.status)} · `,
        el('span', { class: 'ballot-count' }, r.ballots), ` ${t('ui.ballots', 'ballots')} + ${r.paperBallots} ${t('ui.paper', 'paper')}`),
      r.status === 'OPEN' ? el('button', { class: 'close-round', onclick: () => act(status, async () => {
        roundVersions[r.roundId] = (await api(`${base()}/rounds/${r.roundId}/close`, { method: 'POST', token: token(), body: { version: await roundVersion() } })).version;
      }) }, t('ui.close-round', 'Close the round')) : null,
      r.status === 'OPEN' && ['APPROVAL', 'DOT'].includes(r.method) ? el('details', {}, el('summary', {}, t('ui.paper-tally', 'Enter paper ballots')),
        el('form', { onsubmit: e => { e.preventDefault(); act(status, async () => {
          roundVersions[r.roundId] = (await api(`${base()}/rounds/${r.roundId}/paper-tallies`, { method: 'POST', token: token(), body: {
            version: await roundVersion(), ballots: Number(paperBallots.value),
            counts: counts.map(c => ({ optionId: c.dataset.option, value: 1, count: Number(c.value) })).filter(c => c.count > 0) } })).version;
        }); } }, el('label', { for: paperBallots.id }, t('ui.paper-ballots', 'Paper ballots')), paperBallots,
        ...r.options.flatMap((o, i) => [el('label', { for: counts[i].id }, `${optionLabel(o)} — ${r.method === 'DOT' ? t('ui.dots', 'dots') : t('ui.approvals', 'approvals')}`), counts[i]]),
        el('button', { type: 'submit' }, t('ui.save', 'Save')))) : null,
      resultBars(r.results), objectionsPanel({ cityId, workshopId, token: token(), round: r }), status);
  }));
}

function renderDecision() {
  const box = $('decision-box');
  const closed = board.rounds.filter(r => r.status === 'CLOSED');
  if (!closed.length) { box.replaceChildren(el('p', { class: 'hint' }, t('ui.decision-hint', 'Close a round first.'))); return; }
  if (box.dataset.rounds === closed.map(r => r.roundId).join()) return;
  box.dataset.rounds = closed.map(r => r.roundId).join();
  const status = el('p', { role: 'status' });
  const round = el('select', { id: 'decision-round' }, ...closed.map(r => new Option(localized(r.question, language()), r.roundId)));
  const rule = el('input', { id: 'decision-rule', required: true, value: 'top 1' });
  const rationale = el('textarea', { id: 'decision-rationale', required: true, rows: 2 });
  const options = el('fieldset', {}, el('legend', {}, t('ui.adopted', 'Adopted')));
  const fill = () => options.replaceChildren(options.firstChild, ...closed.find(r => r.roundId === round.value).options.map(o =>
    el('label', { class: 'inline' }, el('input', { type: 'checkbox', name: 'adopt', value: o.proposalId }), optionLabel(o))));
  round.addEventListener('change', fill); fill();
  box.replaceChildren(el('form', { id: 'decision-form', onsubmit: e => { e.preventDefault(); act(status, () =>
    api(`${base()}/decisions`, { method: 'POST', token: token(), body: { roundIds: [round.value], ruleApplied: rule.value,
      adopted: [...options.querySelectorAll('input:checked')].map(i => i.value), rationale: { lang: language(), text: rationale.value } } })); } },
  el('label', { for: 'decision-round' }, t('ui.round', 'Round')), round, options,
  el('label', { for: 'decision-rule' }, t('ui.rule-applied', 'Rule applied')), rule,
  el('label', { for: 'decision-rationale' }, t('ui.rationale', 'Rationale')), rationale,
  el('button', { type: 'submit', class: 'primary' }, t('ui.record', 'Record')), status));
}

await loadTexts();
languagePicker($('lang'), () => staff.get() && ready(staff.get()));
requireStaff($('main'), ready);
