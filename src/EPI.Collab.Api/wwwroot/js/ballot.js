// Ballot widgets for every voting method, and the phone's outbox: a ballot is kept in localStorage with its
// Idempotency-Key until the service confirms it, and re-sent with the SAME key after a failure or when back online,
// so a retry can never count twice. The first attempt goes over the hub connection when it is connected
// (CollabHub.CastBallot: same rules, same answers, same Idempotency-Key); retries and the offline queue go over HTTP,
// where the same key makes a ballot the hub already committed a replay, never a second ballot.
import { api, ApiError, el, store } from './api.js';
import { t } from './i18n.js';

const uuid = () => crypto.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;

/* global signalR */
const HubAnswerMs = 10000;

export class Outbox {
  /** `hub` returns the live SignalR connection (or null); a ballot goes over it while it is connected. */
  constructor(session, onChange, hub = () => null) {
    this.session = session;
    this.hub = hub;
    this.sending = new Set();  // rounds with a request in flight: the periodic flush never sends them twice at once
    this.key = `epi.ballots.${session.workshopId}`;
    this.onChange = onChange;
    window.addEventListener('online', () => this.flush());
    setInterval(() => this.flush(), 5000);
  }
  all() { return store.get(this.key, {}); }
  get(roundId) { return this.all()[roundId] ?? null; }
  put(roundId, entry) { const all = this.all(); all[roundId] = entry; store.set(this.key, all); this.onChange?.(roundId, entry); }

  /** Queue a ballot (a new key: a changed ballot is a new request) and try to send it. */
  cast(roundId, marks, read) {
    this.put(roundId, { marks, read, idempotencyKey: uuid(), state: 'pending', at: new Date().toISOString() });
    return this.send(roundId, true);
  }

  /** Over the hub: its answer is { accepted, replayed, problem }; a problem is thrown as the ApiError HTTP would give. */
  async overHub(connection, roundId, body, key) {
    const { cityId, workshopId } = this.session;
    // No answer in time (a connection that silently died) counts as no answer: the retry goes over HTTP, same key.
    let timer;
    const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('hub: no answer')), HubAnswerMs); });
    const answer = await Promise.race([connection.invoke('CastBallot', cityId, workshopId, roundId, body, key), late])
      .finally(() => clearTimeout(timer));
    if (answer.problem) {
      const problem = { ...answer.problem, title: t(`error.${answer.problem.code}`, answer.problem.title) };
      throw new ApiError(problem.status, problem);
    }
    return answer.accepted;
  }

  async send(roundId, first = false) {
    const entry = this.get(roundId);
    if (!entry || entry.state === 'confirmed' || entry.state === 'refused' || this.sending.has(roundId)) return entry;
    this.sending.add(roundId);
    try { await this.attempt(roundId, entry, first); } finally { this.sending.delete(roundId); }
    // A changed ballot queued while this one was in flight (a new key) is sent now, not at the next flush.
    const now = this.get(roundId);
    if (now && now.idempotencyKey !== entry.idempotencyKey) return this.send(roundId, first);
    return now;
  }

  /** The answer is kept only while the entry still holds this key (a newer ballot of the round replaces it). */
  putIfCurrent(roundId, entry) { if (this.get(roundId)?.idempotencyKey === entry.idempotencyKey) this.put(roundId, entry); }

  async attempt(roundId, entry, first) {
    const { cityId, workshopId, token } = this.session;
    const body = entry.read ? { marks: entry.marks, read: entry.read } : { marks: entry.marks };
    const connection = first ? this.hub() : null;
    try {
      const accepted = connection?.state === signalR.HubConnectionState.Connected && navigator.onLine !== false
        ? await this.overHub(connection, roundId, body, entry.idempotencyKey)
        : await api(`/api/cities/${cityId}/workshops/${workshopId}/rounds/${roundId}/ballot`, {
          method: 'POST', token, body, headers: { 'Idempotency-Key': entry.idempotencyKey } });
      this.putIfCurrent(roundId, { ...entry, state: 'confirmed', ballotId: accepted.ballotId, version: accepted.version, error: null });
    } catch (error) {
      // No answer (offline, or the hub connection dropped mid-call) or a 5xx: keep it queued, same key (retried over
      // HTTP). A 4xx is final: show why.
      const final = error instanceof ApiError && error.status < 500;
      this.putIfCurrent(roundId, { ...entry, state: final ? 'refused' : 'queued', error: final ? (error.message || error.code) : null });
    }
  }

  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try { for (const [roundId, entry] of Object.entries(this.all())) if (entry.state === 'queued' || entry.state === 'pending') await this.send(roundId); }
    finally { this.flushing = false; }
  }
}

/** The state line under a ballot: always says whether the service has confirmed it. */
export function ballotState(entry) {
  if (!entry) return el('p', { class: 'ballot-state', role: 'status' }, t('ui.ballot-none', 'Not voted yet.'));
  const text = {
    pending: t('ballot.pending', 'Sending your ballot…'),
    queued: t('ballot.offline', 'Offline: your ballot will be sent when the connection is back.'),
    confirmed: t('ballot.confirmed', 'Your ballot is counted.'),
    refused: `${t('ui.ballot-refused', 'Not counted')}: ${entry.error ?? ''}`,
  }[entry.state];
  return el('p', { class: `ballot-state state-${entry.state}`, role: 'status', 'data-state': entry.state }, text);
}

// Rounds name their options with staff-written labels ("Option 1" by default): proposal texts are their authors'
// personal data and never copied into a round. Pages show the proposal's text from the board where they have it.
let proposalTexts = new Map();
const short = text => text.length > 80 ? `${text.slice(0, 79)}…` : text;

/** Call with the board's proposals whenever the board changes. */
export function knowProposals(proposals) {
  proposalTexts = new Map((proposals ?? []).filter(p => p.text?.text).map(p => [p.id, short(p.text.text)]));
}

export const optionLabel = option => proposalTexts.get(option.proposalId) ?? option.label;

/** A form for one round; calls submit(marks). Tap targets are at least 44 px (see app.css). */
export function ballotForm(round, rules, submit, previous) {
  const marks = new Map((previous ?? []).map(m => [m.optionId, { ...m }]));
  const form = el('form', { class: 'ballot', 'data-method': round.method, 'aria-label': t(`method.${round.method}`, round.method) });
  const body = el('div');
  const hint = el('p', { class: 'hint', 'aria-live': 'polite' });
  const render = () => { body.replaceChildren(...widgets[round.method]()); };

  const widgets = {
    APPROVAL: () => round.options.map(o => el('button', {
      type: 'button', class: 'choice', 'aria-pressed': String(marks.has(o.optionId)),
      onclick: () => { marks.has(o.optionId) ? marks.delete(o.optionId) : marks.set(o.optionId, { optionId: o.optionId, value: 1 }); render(); },
    }, optionLabel(o))),
    DOT: () => {
      const budget = rules?.dotBudget ?? 5, perOption = rules?.maxDotsPerOption ?? budget;
      const used = [...marks.values()].reduce((s, m) => s + m.value, 0);
      hint.textContent = `${t('ui.dots-left', 'Dots left')}: ${budget - used}`;
      return round.options.map(o => {
        const have = marks.get(o.optionId)?.value ?? 0;
        return el('fieldset', { class: 'dots' }, el('legend', {}, optionLabel(o)),
          ...Array.from({ length: perOption }, (_, i) => el('button', {
            type: 'button', class: 'dot', 'aria-pressed': String(i < have),
            'aria-label': `${i + 1} ${t('ui.dots', 'dots')}: ${optionLabel(o)}`,
            onclick: () => {
              const want = have === i + 1 ? i : i + 1;
              if (used - have + want > budget) { hint.textContent = t('field.dots-budget', 'Too many dots.'); return; }
              want === 0 ? marks.delete(o.optionId) : marks.set(o.optionId, { optionId: o.optionId, value: want });
              render();
            },
          })));
      });
    },
    RANKED: () => {
      hint.textContent = t('ui.rank-hint', 'Tap the options in your order of preference.');
      return [...round.options.map(o => {
        const rank = marks.get(o.optionId)?.value;
        return el('button', {
          type: 'button', class: 'choice ranked', 'aria-pressed': String(!!rank),
          onclick: () => {
            if (rank) { marks.delete(o.optionId); for (const m of marks.values()) if (m.value > rank) m.value--; }
            else marks.set(o.optionId, { optionId: o.optionId, value: marks.size + 1 });
            render();
          },
        }, el('span', { class: 'rank', 'aria-hidden': 'true' }, rank ?? '·'), ' ', optionLabel(o), rank ? el('span', { class: 'sr-only' }, ` (${rank})`) : null);
      })];
    },
    SCORE: () => round.options.map(o => slider(o, 'value', t('ui.score', 'Score'))),
    IMPACT_FEASIBILITY: () => round.options.map(o => el('fieldset', { class: 'pair' }, el('legend', {}, optionLabel(o)),
      slider(o, 'value', t('ui.impact', 'Impact'), true), slider(o, 'second', t('ui.feasibility', 'Feasibility'), true))),
    CONSENT: () => round.options.map(o => {
      const mark = marks.get(o.optionId);
      const name = `consent-${round.roundId}-${o.optionId}`;
      const choice = (value, key) => el('label', { class: 'radio' }, el('input', {
        type: 'radio', name, value, checked: mark?.value === value,
        onchange: () => { marks.set(o.optionId, { optionId: o.optionId, value, reason: marks.get(o.optionId)?.reason }); render(); },
      }), t(`consent.${key}`, key));
      return el('fieldset', { class: 'consent' }, el('legend', {}, optionLabel(o)),
        choice(1, 'AGREE'), choice(0, 'ABSTAIN'), choice(-1, 'OBJECT'),
        mark?.value === -1 ? el('label', { class: 'block' }, t('ui.objection-reason', 'Why do you object?'),
          el('textarea', { required: true, rows: 2, oninput: e => { mark.reason = e.target.value; } }, mark.reason ?? '')) : null);
    }),
  };

  function slider(option, field, label, pairDefault) {
    const mark = marks.get(option.optionId);
    const id = `s-${round.roundId}-${option.optionId}-${field}`;
    const value = mark?.[field] ?? 3;
    const output = el('output', { for: id }, value);
    const input = el('input', {
      type: 'range', id, min: 1, max: 5, step: 1, value,
      oninput: e => {
        const m = marks.get(option.optionId) ?? { optionId: option.optionId, value: 3, ...(pairDefault ? { second: 3 } : {}) };
        m[field] = Number(e.target.value);
        marks.set(option.optionId, m);
        output.textContent = e.target.value;
      },
    });
    if (!mark) marks.set(option.optionId, { optionId: option.optionId, value: 3, ...(pairDefault ? { second: 3 } : {}) });
    return el('div', { class: 'slider' }, el('label', { for: id }, pairDefault ? label : `${optionLabel(option)} — ${label}`), input, output);
  }

  render();
  form.append(hint, body, el('button', { type: 'submit', class: 'primary' }, t('ui.vote', 'Send my ballot')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const list = [...marks.values()].map(m => ({ ...m }));
    if (round.method === 'CONSENT' && list.some(m => m.value === -1 && !m.reason?.trim())) {
      hint.textContent = t('field.objection-reason', 'An objection needs a reason.');
      return;
    }
    submit(list);
  });
  return form;
}

/** Results as bars (and the quadrant of impact × feasibility). */
export function resultBars(results) {
  if (!results) return null;
  const max = Math.max(1, ...results.options.map(o => Number(o.score)));
  return el('ol', { class: 'bars', 'aria-label': t('ui.results', 'Results') }, ...results.options.map(o => el('li', { 'data-option': o.optionId },
    el('span', { class: 'bar-label' }, `${o.rank}. ${optionLabel(o)}`),
    el('span', { class: 'bar-fill', style: `inline-size:${(100 * Number(o.score) / max).toFixed(1)}%` }),
    el('span', { class: 'bar-score' }, String(Number(o.score)), o.quadrant ? ` · ${t(`quadrant.${o.quadrant}`, o.quadrant)}` : ''))));
}
