// Objections of a consent round (issue #14): the option and the reason, never who objected. The API reads a reason as
// "[sealed]" to an auditor without a break-glass grant and "[erased]" once the objector was erased; shown as it comes.
import { api, el } from './api.js';
import { t } from './i18n.js';
import { optionLabel } from './ballot.js';

const panels = new Map(); // roundId → { key, node }: fetched again only when the round's count or status changes

/** A panel listing the round's objections, or null for a round that is not a consent round or whose results are hidden. */
export function objectionsPanel({ cityId, workshopId, token, round }) {
  if (round.method !== 'CONSENT' || !round.results) return null;
  let panel = panels.get(round.roundId);
  if (!panel) panels.set(round.roundId, panel = { key: null,
    node: el('section', { class: 'objections', 'data-round': round.roundId, 'aria-live': 'polite' }) });
  const key = `${round.status}:${round.ballots}:${round.paperBallots}`;
  if (panel.key !== key) {
    panel.key = key;
    api(`/api/cities/${cityId}/workshops/${workshopId}/rounds/${round.roundId}/objections`, { token })
      .then(list => show(panel.node, round, list.objections))
      .catch(() => panel.node.replaceChildren());
  }
  return panel.node;
}

function show(node, round, objections) {
  const option = id => round.options.find(o => o.optionId === id);
  node.replaceChildren(
    el('h4', {}, `${t('ui.objections', 'Objections')} (${objections.length})`),
    objections.length
      ? el('ul', { class: 'objection-list' }, ...objections.map(o => el('li', { class: 'objection', 'data-option': o.optionId, 'data-state': o.state },
        el('strong', {}, option(o.optionId) ? optionLabel(option(o.optionId)) : ''), ': ',
        el('span', { class: 'objection-reason', lang: o.lang }, o.reason))))
      : el('p', { class: 'hint' }, t('ui.no-objections', 'No objection stands.')));
}
