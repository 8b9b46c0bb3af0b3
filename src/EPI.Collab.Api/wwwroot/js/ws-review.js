// Intercultural Review: start and advance it, area scores, comparison groups, existing actions and their evaluation, priorities.
import { api, el, language, localized } from './api.js';
import { t } from './i18n.js';
import { call, choice, chosen, cityDecisions, decisionOptions, enumLabel, field, form, number, orNull, post, table, texts } from './ws-kit.js';

const statuses = ['DRAFT', 'DATA_COLLECTION', 'ANALYSIS', 'VALIDATED', 'PUBLISHED'];
const targetGroups = ['TCN_NEWCOMERS', 'REFUGEES', 'STUDENTS', 'WOMEN', 'CHILDREN', 'HOST_SOCIETY', 'STAFF', 'OTHER'];
let areas = null;

export async function load() {
  areas ??= await api('/api/policy-areas');
  const reviews = await call('/reviews');
  const [review, gaps] = reviews[0] ? await Promise.all([call(`/reviews/${reviews[0].id}`), call(`/reviews/${reviews[0].id}/gaps`)]) : [null, null];
  return { review, gaps };
}

const areaName = code => { const a = areas?.find(x => x.code === code); return a ? `${code} · ${localized(a.labels, language()) || a.label}` : code; };
const areaOptions = () => areas.map(a => [a.code, areaName(a.code)]);

export function view({ review, gaps }) {
  if (!review) return el('p', { id: 'review-none' }, t('ui.no-review', 'The city has not started its Intercultural Review.'));
  const lang = language();
  return el('div', {},
    el('p', { id: 'review-status' }, `${review.methodology} · ${review.indexVersion} · `, el('strong', {}, enumLabel(review.status))),
    el('h3', {}, t('ui.area-scores', 'Area scores')),
    table('review-scores', [t('ui.area', 'Area'), t('ui.score', 'Score'), t('ui.narrative', 'Narrative'), t('ui.recommendations', 'Recommendations')],
      review.areaScores.map(s => [areaName(s.policyAreaCode), `${s.score}/100`, localized(s.narrative, lang), localized(s.recommendations, lang)])),
    el('h3', {}, t('ui.comparisons', 'Comparison groups')),
    table('review-comparisons', [t('ui.stakeholder-group', 'Group'), t('ui.band', 'Band'), t('ui.sample', 'Sample'), t('ui.rank', 'Rank'), t('ui.mean', 'Mean')],
      review.comparisons.map(c => [enumLabel(c.group), [c.min, c.max].filter(x => x != null).join('–'), `${c.sampleSize} · ${c.sampleVersion}`,
        c.rank ?? '—', c.sampleMean])),
    el('h3', {}, t('ui.actions', 'Existing actions')),
    table('review-actions', [t('ui.action', 'Action'), t('ui.areas', 'Areas'), t('ui.years', 'Years'), t('ui.status', 'Status'), t('ui.evaluation', 'Evaluation')],
      review.actions.map(a => [localized(a.title, lang), a.policyAreaCodes.join(', '), `${a.startYear}–${a.endYear ?? ''}`, enumLabel(a.status),
        a.evaluation ? ['relevance', 'effectiveness', 'sustainability', 'interculturality'].map(k => `${t(`ui.${k}`, k)} ${a.evaluation[k]}`).join(' · ') : '—'])),
    el('h3', {}, t('ui.gaps', 'Gaps: areas by score and coverage')),
    table('review-gaps', [t('ui.area', 'Area'), t('ui.score', 'Score'), t('ui.mapped-actions', 'Mapped actions'), t('ui.mean-evaluation', 'Mean evaluation (1–5)')],
      gaps.areas.filter(g => g.score !== null || g.mappedActions > 0).map(g => [areaName(g.policyAreaCode), g.score === null ? '—' : `${g.score}/100`,
        String(g.mappedActions), g.meanEvaluation ?? '—'])),
    el('h3', {}, t('ui.priorities', 'Prioritised areas')),
    table('review-priorities', [t('ui.area', 'Area'), t('ui.rationale', 'Rationale'), t('ui.decision', 'Decision')],
      review.prioritisedAreas.map(p => [areaName(p.policyAreaCode), p.rationale.text, p.decisionId])));
}

export async function forms({ review }, coordinator) {
  if (!coordinator) return [];
  if (!review) {
    const methodology = el('input', { required: true, maxlength: 200, value: 'ICC Index 2019' });
    const version = el('input', { required: true, maxlength: 50, value: '2019' });
    const from = el('input', { type: 'date' }), to = el('input', { type: 'date' });
    return [form('review-start', t('ui.start-review', 'Start the review'), [field(t('ui.methodology', 'Methodology'), methodology),
      field(t('ui.index-version', 'Index version'), version), field(t('ui.period-from', 'Period from'), from), field(t('ui.period-to', 'Period to'), to)],
    t('ui.start', 'Start'), () => post('/reviews', { methodology: methodology.value, indexVersion: version.value, periodFrom: from.value || null, periodTo: to.value || null }))];
  }
  const url = `/reviews/${review.id}`;
  const next = statuses[statuses.indexOf(review.status) + 1];
  const out = [];
  if (next) out.push(form('review-advance', t('ui.advance', 'Move forward'), [el('p', {}, `${enumLabel(review.status)} → ${enumLabel(next)}`)],
    enumLabel(next), () => post(`${url}/advance`, { version: review.version, status: next })));

  const area = choice(areaOptions()), score = el('input', { type: 'number', min: 0, max: 100, required: true });
  const narrative = el('textarea', { required: true, maxlength: 2000 }), recommendations = el('textarea', { maxlength: 2000 });
  out.push(form('review-score', t('ui.score-area', 'Score an area'), [field(t('ui.area', 'Area'), area), field(t('ui.score', 'Score') + ' (0–100)', score),
    field(t('ui.narrative', 'Narrative'), narrative), field(t('ui.recommendations', 'Recommendations'), recommendations)], t('ui.save', 'Save'),
  () => post(`${url}/area-scores`, { version: review.version, policyAreaCode: area.value, score: number(score.value), narrative: texts(narrative.value),
    recommendations: recommendations.value.trim() ? texts(recommendations.value) : null })));

  const group = choice(['ALL', 'POP_BAND', 'FOREIGN_BORN_BAND']), min = el('input', { type: 'number', step: 'any' }), max = el('input', { type: 'number', step: 'any' });
  const size = el('input', { type: 'number', min: 1, required: true }), sampleVersion = el('input', { required: true, maxlength: 50, value: '2019' });
  const rank = el('input', { type: 'number', min: 1 }), mean = el('input', { type: 'number', step: 'any', required: true });
  out.push(form('review-comparison', t('ui.add-comparison', 'Add a comparison group'), [field(t('ui.stakeholder-group', 'Group'), group), field(t('ui.min', 'Band from'), min),
    field(t('ui.max', 'Band to'), max), field(t('ui.sample-size', 'Sample size'), size), field(t('ui.sample-version', 'Sample version'), sampleVersion),
    field(t('ui.rank', 'Rank'), rank), field(t('ui.mean', 'Sample mean'), mean)], t('ui.save', 'Save'),
  () => post(`${url}/comparisons`, { version: review.version, group: group.value, min: number(min.value), max: number(max.value), sampleSize: number(size.value),
    sampleVersion: sampleVersion.value, rank: number(rank.value), sampleMean: number(mean.value) })));

  const organisations = await call('/organisations');
  const title = el('input', { required: true, maxlength: 200 }), actionAreas = choice(areaOptions(), { multiple: true, size: 4 });
  const owner = choice(organisations.map(o => [o.id, o.name])), start = el('input', { type: 'number', min: 1990, max: 2100, required: true });
  const end = el('input', { type: 'number', min: 1990, max: 2100 }), status = choice(['ONGOING', 'ENDED', 'PLANNED']);
  const groups = choice(targetGroups, { multiple: true, size: 4 }), budget = el('input', { type: 'number', min: 0, step: 'any' }), reach = el('input', { type: 'number', min: 0 });
  out.push(form('review-action', t('ui.map-action', 'Map an existing action'), [field(t('ui.title', 'Title'), title), field(t('ui.areas', 'Areas'), actionAreas),
    field(t('ui.owner', 'Owner organisation'), owner, organisations.length ? null : t('ui.register-organisation-first', 'Register an organisation first.')),
    field(t('ui.start-year', 'Start year'), start), field(t('ui.end-year', 'End year'), end), field(t('ui.status', 'Status'), status),
    field(t('ui.target-groups', 'Target groups'), groups), field(t('ui.annual-budget', 'Annual budget (EUR)'), budget), field(t('ui.reach', 'Reach'), reach)],
  t('ui.save', 'Save'), () => post(`${url}/actions`, { version: review.version, title: texts(title.value), policyAreaCodes: chosen(actionAreas), ownerOrganisationId: owner.value,
    startYear: number(start.value), endYear: number(end.value), status: status.value, targetGroups: chosen(groups), annualBudget: number(budget.value), reach: number(reach.value) })));

  if (review.actions.length) {
    const action = choice(review.actions.map(a => [a.actionId, localized(a.title, language())]));
    const criteria = ['relevance', 'effectiveness', 'sustainability', 'interculturality'].map(k => [k, el('input', { type: 'number', min: 1, max: 5, required: true })]);
    const notes = el('textarea', { maxlength: 2000 });
    out.push(form('review-evaluate', t('ui.evaluate-action', 'Evaluate an action (1–5)'), [field(t('ui.action', 'Action'), action),
      ...criteria.map(([k, input]) => field(t(`ui.${k}`, k), input)), field(t('ui.gap-notes', 'Gap notes'), notes)], t('ui.save', 'Save'),
    () => post(`${url}/actions/${action.value}/evaluation`, { version: review.version, ...Object.fromEntries(criteria.map(([k, i]) => [k, number(i.value)])),
      gapNotes: notes.value.trim() || null })));
  }

  const decisions = await cityDecisions();
  const priorityArea = choice(areaOptions()), rationale = el('textarea', { required: true, maxlength: 2000 });
  const decision = choice(decisionOptions(decisions), { required: true });
  out.push(form('review-priority', t('ui.prioritise', 'Prioritise an area'), [field(t('ui.area', 'Area'), priorityArea), field(t('ui.rationale', 'Rationale'), rationale),
    field(t('ui.decision', 'Decision'), decision, decisions.length ? null : t('ui.no-decisions', 'No decision recorded yet: record one in a workshop.'))],
  t('ui.save', 'Save'), () => post(`${url}/priorities`, { version: review.version, policyAreaCode: priorityArea.value,
    rationale: { lang: language(), text: rationale.value.trim() }, decisionId: decision.value })));
  return out;
}
