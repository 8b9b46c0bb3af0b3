// Projector: join code and QR, live participant count, live results as bars, impact × feasibility as a quadrant plot.
import { api, el, language, localized, params, staff } from './api.js';
import { loadTexts, t } from './i18n.js';
import { followWorkshop } from './live.js';
import { knowProposals, optionLabel, resultBars } from './ballot.js';
import { objectionsPanel } from './objections.js';

const $ = id => document.getElementById(id);
const cityId = params().get('city'), workshopId = params().get('workshop');
const session = staff.get();
const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

/** Impact (up) × feasibility (right), 1–5, with the round's threshold as the quadrant lines. */
function quadrant(results, threshold = 3) {
  const x = f => 40 + (Number(f) - 1) * 90, y = i => 400 - (Number(i) - 1) * 90;
  return svg('svg', { viewBox: '0 0 440 440', class: 'quadrant', role: 'img', 'aria-label': t('ui.quadrant', 'Impact and feasibility') },
    svg('rect', { x: 40, y: 40, width: 360, height: 360, fill: '#fff', stroke: '#767676' }),
    svg('line', { x1: x(threshold), x2: x(threshold), y1: 40, y2: 400, stroke: '#767676', 'stroke-dasharray': '6 4' }),
    svg('line', { x1: 40, x2: 400, y1: y(threshold), y2: y(threshold), stroke: '#767676', 'stroke-dasharray': '6 4' }),
    svg('text', { x: 220, y: 432, 'text-anchor': 'middle', 'font-size': 18, fill: '#1a1a1a' }, t('ui.feasibility', 'Feasibility')),
    svg('text', { x: 16, y: 220, 'text-anchor': 'middle', 'font-size': 18, fill: '#1a1a1a', transform: 'rotate(-90 16 220)' }, t('ui.impact', 'Impact')),
    ...results.options.filter(o => o.meanImpact != null).flatMap(o => [
      svg('circle', { cx: x(o.meanFeasibility), cy: y(o.meanImpact), r: 9, fill: '#0b5cad' }),
      svg('text', { x: x(o.meanFeasibility) + 12, y: y(o.meanImpact) + 6, 'font-size': 16, fill: '#1a1a1a' }, `${o.rank}. ${optionLabel(o).slice(0, 24)}`)]));
}

function render(board) {
  knowProposals(board.proposals);
  const lang = language();
  $('title').textContent = board.title;
  $('join-code').textContent = board.joinCode ?? '—';
  $('join-url').textContent = board.joinCode ? `${location.origin}/join/${board.joinCode}` : '';
  $('participant-count').textContent = board.participantCount;
  $('question').textContent = localized(board.focusQuestion, lang);
  const phase = board.agenda.find(p => p.phaseId === board.currentPhaseId);
  $('phase').textContent = phase ? phase.title ?? t(`phase.${phase.type}`, phase.type) : t(`status.${board.status}`, board.status);
  const rounds = board.rounds.slice(-2).reverse();
  $('results').replaceChildren(...rounds.map(r => el('article', { class: 'round', 'data-round': r.roundId },
    el('h3', {}, localized(r.question, lang)),
    el('p', { class: 'meta' }, `${t(`method.${r.method}`, r.method)} · `, el('span', { class: 'ballot-count' }, r.ballots + r.paperBallots), ` ${t('ui.ballots', 'ballots')}`),
    r.results ? resultBars(r.results) : el('p', {}, t('error.results-hidden', 'Results are shown after the close.')),
    r.results && r.method === 'IMPACT_FEASIBILITY' ? quadrant(r.results) : null,
    objectionsPanel({ cityId, workshopId, token: session.accessToken, round: r }))));
  showQr(board);
}

async function showQr(board) {
  const img = $('qr');
  if (!board.joinCode || img.dataset.code === board.joinCode) return;
  img.dataset.code = board.joinCode;
  const png = await api(`/api/cities/${cityId}/workshops/${workshopId}/join-qr`, { token: session.accessToken, raw: true }).then(r => r.blob()).catch(() => null);
  if (png) { img.src = URL.createObjectURL(png); img.alt = `${t('ui.qr', 'QR code to join')}: ${board.joinCode}`; img.hidden = false; }
}

await loadTexts();
if (!session || !cityId || !workshopId) $('main').replaceChildren(el('p', {}, el('a', { href: '/console.html' }, t('ui.console', 'Facilitator console'))));
else followWorkshop({ cityId, workshopId, token: session.accessToken, onBoard: render,
  onStatus: s => { $('connection').dataset.state = s; $('connection').textContent = t(`ui.${s}`, s); } });
