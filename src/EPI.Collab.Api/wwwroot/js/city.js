// City coordinator: the review's area scores as a chart, the strategy with a revision diff, pilot indicators against targets.
import { api, el, language, localized, params } from './api.js';
import { languagePicker, loadTexts, t } from './i18n.js';
import { requireStaff, signOutButton } from './login.js';
import { diffTable } from './diff.js';

const $ = id => document.getElementById(id);
const cities = ['cartagena', 'cluj-napoca', 'dietzenbach', 'linkoping', 'lublin', 'ravenna', 'riga'];
let session, cityId;
const get = path => api(`/api/cities/${cityId}${path}`, { token: session.accessToken });

async function ready(s) {
  session = s;
  $('who').replaceChildren(`${s.role}${s.city ? ` · ${s.city}` : ''} `, signOutButton());
  cityId = s.city ?? params().get('city') ?? 'cluj-napoca';
  $('main').replaceChildren(
    el('div', { class: 'row' }, el('label', { for: 'city-select' }, t('ui.city', 'City')),
      el('select', { id: 'city-select', disabled: !!s.city, onchange: e => { cityId = e.target.value; ready(s); } },
        ...cities.map(c => new Option(c, c, false, c === cityId)))),
    el('section', { id: 'review' }), el('section', { id: 'strategy' }), el('section', { id: 'dashboard' }));
  showReview(); showStrategy(); showDashboard();
}

async function showReview() {
  const box = $('review');
  box.replaceChildren(el('h2', {}, t('ui.review', 'Intercultural review: area scores')));
  const reviews = await get('/reviews').catch(() => []);
  const review = Array.isArray(reviews) ? reviews[0] : reviews;
  if (!review?.areaScores?.length) { box.append(el('p', {}, t('ui.nothing', 'Nothing yet.'))); return; }
  box.append(el('p', { class: 'meta' }, `${review.methodology} · ${review.status}`),
    el('ol', { class: 'bars', id: 'area-scores', 'aria-label': t('ui.review', 'Intercultural review: area scores') }, ...review.areaScores.map(a => el('li', {},
      el('span', { class: 'bar-label' }, a.policyAreaCode), el('span', { class: 'bar-fill', style: `inline-size:${a.score}%` }), el('span', {}, `${a.score}/100`)))));
}

async function showStrategy() {
  const box = $('strategy');
  box.replaceChildren(el('h2', {}, t('ui.strategy', 'Strategy')));
  const strategy = await get('/strategy').catch(() => null);
  if (!strategy) { box.append(el('p', {}, t('ui.nothing', 'Nothing yet.'))); return; }
  const doc = strategy.document, lang = language();
  box.append(el('p', {}, el('strong', {}, doc.title), ` · ${strategy.status} · ${t('ui.revision', 'Revision')} ${strategy.revisionNo}`),
    el('p', {}, localized(doc.vision, lang)),
    el('ul', {}, ...doc.objectives.map(o => el('li', {}, localized(o.statement, lang),
      el('ul', {}, ...doc.measures.filter(m => m.objectiveId === o.id).map(m => el('li', { 'data-measure': m.id }, m.title, m.pilot ? ` (${t('ui.pilot', 'pilot')})` : '', ' ',
        el('button', { type: 'button', class: 'link how-decided', 'aria-expanded': 'false', onclick: e => howDecided(e.currentTarget, m) },
          t('ui.how-decided', 'How was this decided?')))))))));
  if (strategy.revisionNo < 1) return;
  const from = el('input', { type: 'number', id: 'diff-from', min: 0, max: strategy.revisionNo, value: Math.max(0, strategy.revisionNo - 1) });
  const to = el('input', { type: 'number', id: 'diff-to', min: 0, max: strategy.revisionNo, value: strategy.revisionNo });
  const out = el('div', { id: 'diff' });
  const show = async () => {
    try {
      const diff = await get(`/strategy/diff?from=${from.value}&to=${to.value}`);
      out.replaceChildren(diffTable(diff));
    } catch (e) { out.replaceChildren(el('p', {}, e.message)); }
  };
  box.append(el('h3', {}, t('ui.diff', 'Changes between revisions')),
    el('form', { class: 'row', onsubmit: e => { e.preventDefault(); show(); } },
      el('label', { for: 'diff-from' }, t('ui.from', 'From')), from, el('label', { for: 'diff-to' }, t('ui.to', 'To')), to,
      el('button', { type: 'submit' }, t('ui.compare', 'Compare'))), out);
  show();
}

/** The measure's trace, published material only: the revision, the decision and its rounds; details on the public page. */
async function howDecided(button, measure) {
  const li = button.closest('li');
  li.querySelector('.trace')?.remove();
  if (button.getAttribute('aria-expanded') === 'true') { button.setAttribute('aria-expanded', 'false'); return; }
  button.setAttribute('aria-expanded', 'true');
  let box;
  try {
    const trace = await get(`/strategy/measures/${measure.id}/trace`);
    const entry = r => [el('dt', {}, `${t('ui.revision', 'Revision')} ${r.revisionNo} · ${t(`enum.${r.reason}`, r.reason)}`),
      el('dd', {}, r.summary, r.decision ? el('span', {}, ' · ', el('a', { href: `/public.html?city=${cityId}#decision-${r.decision.decisionId}` },
        `${t('ui.decision', 'Decision')}: ${r.decision.ruleApplied} (${r.decision.roundIds.length} ${t('ui.rounds-lower', 'rounds')}, ${r.decision.adoptedProposals.length} ${t('ui.adopted-proposals', 'adopted proposals')})`)) : '')];
    box = el('dl', { class: 'trace' }, ...entry(trace.addedIn), ...trace.changedIn.flatMap(entry));
  } catch (e) { box = el('p', { class: 'trace error' }, e.message); }
  li.append(box);
}

async function showDashboard() {
  const box = $('dashboard');
  box.replaceChildren(el('h2', {}, t('ui.indicators', 'Pilot indicators against targets')));
  const dashboard = await get('/dashboard').catch(() => null);
  if (!dashboard) { box.append(el('p', {}, t('ui.nothing', 'Nothing yet.'))); return; }
  const lang = language();
  box.append(el('table', { id: 'indicators' }, el('thead', {}, el('tr', {}, ...[t('ui.indicator', 'Indicator'), t('ui.baseline', 'Baseline'),
    t('ui.latest', 'Latest'), t('ui.target', 'Target'), t('ui.progress', 'Progress')].map(h => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, ...dashboard.objectives.flatMap(o => o.indicators.map(i => el('tr', {},
    el('td', {}, i.name, el('br'), el('small', {}, localized(o.statement, lang))), el('td', {}, i.baseline?.value ?? ''),
    el('td', {}, i.latest?.value ?? '—'), el('td', {}, i.target?.value ?? ''),
    el('td', {}, i.progress == null ? '—' : el('meter', { min: 0, max: 1, value: Math.max(0, Math.min(1, i.progress)), 'aria-label': i.name },
      `${Math.round(i.progress * 100)}%`), i.progress == null ? '' : ` ${Math.round(i.progress * 100)}%`)))))),
  el('ul', {}, ...dashboard.pilots.map(p => el('li', {}, `${p.title ?? p.pilotId}: ${p.status} · ${p.monthsRunning} ${t('ui.months', 'months')}`))));
}

await loadTexts();
languagePicker($('lang'));
requireStaff($('main'), ready);
