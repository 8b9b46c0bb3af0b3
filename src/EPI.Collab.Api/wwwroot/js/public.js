// For residents, without an account: what the city published (GET /api/public/cities/{cityId}): the review's scores, the adopted
// strategy, pilots against their targets, and the decisions behind them with their rationale and round results.
import { api, el, language, localized, params } from './api.js';
import { languagePicker, loadTexts, t } from './i18n.js';

const $ = id => document.getElementById(id);
const cities = ['cartagena', 'cluj-napoca', 'dietzenbach', 'linkoping', 'lublin', 'ravenna', 'riga'];
const label = v => t(`enum.${v}`, String(v).replaceAll('_', ' ').toLowerCase());
let cityId = params().get('city') ?? 'cluj-napoca';

function table(id, headers, rows) {
  return el('table', { id }, el('thead', {}, el('tr', {}, ...headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map(cells => el('tr', {}, ...cells.map(c => el('td', {}, c))))));
}

const decisionLink = id => id ? el('a', { href: `#decision-${id}` }, t('ui.how-decided', 'How was this decided?')) : '—';

function review(r, lang) {
  if (!r) return el('p', { id: 'public-review-none' }, t('ui.not-published', 'Not published yet.'));
  return el('div', {}, el('p', { class: 'meta' }, `${r.methodology} · ${r.indexVersion}`),
    el('ol', { class: 'bars', id: 'public-scores', 'aria-label': t('ui.area-scores', 'Area scores') }, ...r.areaScores.map(a => el('li', {},
      el('span', { class: 'bar-label' }, a.policyAreaCode), el('span', { class: 'bar-fill', style: `inline-size:${a.score}%` }),
      el('span', {}, `${a.score}/100`)))),
    table('public-narratives', [t('ui.area', 'Area'), t('ui.narrative', 'Narrative'), t('ui.recommendations', 'Recommendations')],
      r.areaScores.map(a => [a.policyAreaCode, localized(a.narrative, lang), localized(a.recommendations, lang)])),
    el('h3', {}, t('ui.priorities', 'Prioritised areas')),
    table('public-priorities', [t('ui.area', 'Area'), t('ui.rationale', 'Rationale'), t('ui.decision', 'Decision')],
      r.prioritisedAreas.map(p => [p.policyAreaCode, p.rationale.text, decisionLink(p.decisionId)])));
}

function strategy(s, lang) {
  if (!s) return el('p', { id: 'public-strategy-none' }, t('ui.not-published', 'Not published yet.'));
  const doc = s.document;
  return el('div', {}, el('p', {}, el('strong', {}, doc.title), ` · ${label(s.status)} · ${t('ui.revision', 'Revision')} ${s.revisionNo}`,
    s.adoption ? ` · ${s.adoption.body}, ${s.adoption.on}` : ''), el('p', {}, localized(doc.vision, lang)),
  el('ul', { id: 'public-strategy' }, ...doc.objectives.map(o => el('li', {}, localized(o.statement, lang),
    el('ul', {}, ...doc.measures.filter(m => m.objectiveId === o.id).map(m => el('li', {}, m.title, m.pilot ? ` (${t('ui.pilot', 'pilot')})` : '')))))),
  el('h3', {}, t('ui.revisions', 'Revisions')),
  table('public-revisions', [t('ui.revision', 'Revision'), t('ui.reason', 'Reason'), t('ui.summary', 'Summary'), t('ui.decision', 'Decision')],
    s.revisions.map(r => [String(r.revisionNo), label(r.reason), r.summary, decisionLink(r.decisionId)])));
}

function pilots(d, lang) {
  if (!d) return el('p', {}, t('ui.not-published', 'Not published yet.'));
  return el('div', {}, table('public-indicators', [t('ui.indicator', 'Indicator'), t('ui.baseline', 'Baseline'), t('ui.latest', 'Latest'), t('ui.target', 'Target'),
    t('ui.progress', 'Progress')], d.objectives.flatMap(o => o.indicators.map(i => [el('span', {}, i.name, el('br'), el('small', {}, localized(o.statement, lang))),
    `${i.baseline.value}`, i.latest ? `${i.latest.value}` : '—', `${i.target.value} ${i.unit}`, i.progress == null ? '—' : `${Math.round(i.progress * 100)}%`]))),
  el('ul', { id: 'public-pilots' }, ...d.pilots.map(p => el('li', {}, `${p.title}: ${label(p.status)} · ${p.monthsRunning} ${t('ui.months', 'months')}`))));
}

function results(r) {
  return el('div', { class: 'card', 'data-round': r.roundId }, el('p', {}, `${label(r.method)} · ${r.ballots.phone + r.ballots.assisted + r.ballots.paper} ${t('ui.ballots', 'ballots')}`),
    table(`round-${r.roundId}`, ['#', t('ui.option', 'Option'), t('ui.score', 'Score')], r.options.map(o => [String(o.rank), o.label, String(o.score)])),
    r.byGroup.length ? table(`groups-${r.roundId}`, [t('ui.stakeholder-group', 'Group'), t('ui.ballot-count', 'Ballots'), ...r.options.map(o => o.label)],
      r.byGroup.map(g => [label(g.group), String(g.ballots), ...r.options.map(o => String(g.options.find(x => x.optionId === o.optionId)?.score ?? '—'))])) : '',
    r.suppressedBallots ? el('p', { class: 'suppressed' }, `${r.suppressedBallots} ${t('ui.suppressed', 'ballots in groups of fewer than five are not shown by group.')}`) : '');
}

function decisions(list, lang) {
  if (!list.length) return el('p', {}, t('ui.nothing', 'Nothing yet.'));
  return el('div', { id: 'public-decisions' }, ...list.map(d => el('article', { id: `decision-${d.decisionId}`, class: 'card', 'aria-labelledby': `decision-${d.decisionId}-h` },
    el('h3', { id: `decision-${d.decisionId}-h` }, `${d.workshopTitle ?? t('ui.workshop', 'Workshop')} · ${new Date(d.decidedAt).toLocaleDateString(lang)}`),
    el('p', {}, el('strong', {}, `${t('ui.rationale', 'Rationale')}: `), d.rationale.text), el('p', { class: 'meta' }, `${t('ui.rule', 'Rule')}: ${d.ruleApplied}`),
    d.dissent.length ? el('p', {}, `${t('ui.dissent', 'Dissent')}: ${localized(d.dissent, lang)}`) : '', ...d.rounds.map(results))));
}

async function show() {
  const lang = language();
  const select = el('select', { id: 'public-city', onchange: e => { cityId = e.target.value; show(); } }, ...cities.map(c => new Option(c, c, false, c === cityId)));
  let page;
  try { page = await api(`/api/public/cities/${cityId}`); } catch (e) { $('main').replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message)); return; }
  $('main').replaceChildren(el('div', { class: 'row' }, el('label', { for: 'public-city' }, t('ui.city', 'City')), select),
    el('section', { id: 'review', 'aria-labelledby': 'review-h' }, el('h2', { id: 'review-h' }, t('ui.review-tab', 'Intercultural Review')), review(page.review, lang)),
    el('section', { id: 'strategy', 'aria-labelledby': 'strategy-h' }, el('h2', { id: 'strategy-h' }, t('ui.strategy', 'Strategy')), strategy(page.strategy, lang)),
    el('section', { id: 'pilots', 'aria-labelledby': 'pilots-h' }, el('h2', { id: 'pilots-h' }, t('ui.pilots', 'Pilots')), pilots(page.pilots, lang)),
    el('section', { id: 'decisions', 'aria-labelledby': 'decisions-h' }, el('h2', { id: 'decisions-h' }, t('ui.decisions', 'Decisions')), decisions(page.decisions, lang)));
  document.body.dataset.ready = cityId;
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

await loadTexts();
languagePicker($('lang'), show);
show();
