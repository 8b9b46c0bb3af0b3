// Pilots: plan, launch, run/pause/resume/complete, monthly observations per indicator, evaluations, the dashboard against targets.
import { el, language, localized } from './api.js';
import { t } from './i18n.js';
import { call, choice, chosen, enumLabel, field, form, number, orNull, post, run, table, texts, today } from './ws-kit.js';

export async function load() {
  const [pilots, strategy, dashboard] = await Promise.all([call('/pilots'), orNull(call('/strategy')), orNull(call('/dashboard'))]);
  return { pilots, strategy, dashboard };
}

const pct = p => p == null ? '—' : `${Math.round(p * 100)}%`;

export function dashboardView(dashboard) {
  if (!dashboard) return el('p', {}, t('ui.nothing', 'Nothing yet.'));
  const lang = language();
  return el('div', {}, table('pilot-dashboard', [t('ui.indicator', 'Indicator'), t('ui.baseline', 'Baseline'), t('ui.latest', 'Latest'), t('ui.target', 'Target'),
    t('ui.progress', 'Progress')], dashboard.objectives.flatMap(o => o.indicators.map(i => [
    el('span', {}, i.name, el('br'), el('small', {}, localized(o.statement, lang))), `${i.baseline.value} ${i.unit}`, i.latest ? `${i.latest.value} (${i.latest.periodTo})` : '—',
    `${i.target.value} ${i.unit}`, i.progress == null ? '—' : el('span', {}, el('meter', { min: 0, max: 1, value: Math.max(0, Math.min(1, i.progress)), 'aria-label': i.name }), ` ${pct(i.progress)}`)]))),
  el('ul', { id: 'pilot-months' }, ...dashboard.pilots.map(p => el('li', {}, `${p.title}: ${enumLabel(p.status)} · ${p.monthsRunning} ${t('ui.months', 'months')}`,
    p.meetsTenMonths ? '' : ` · ${t('ui.under-ten-months', 'under ten months')}`))));
}

export function view({ pilots, dashboard }) {
  return el('div', {},
    table('pilot-list', [t('ui.pilot-name', 'Pilot'), t('ui.status', 'Status'), t('ui.launched', 'Launched'), t('ui.observations', 'Observations'), t('ui.evaluations', 'Evaluations')],
      pilots.map(p => [p.title, enumLabel(p.status), p.launchDate ?? '—', String(p.observations.length), p.evaluations.map(e => enumLabel(e.recommendation)).join(', ') || '—'])),
    el('h3', {}, t('ui.indicators', 'Pilot indicators against targets')), dashboardView(dashboard));
}

function indicatorsOf(strategy, pilot) {
  const doc = strategy?.document;
  if (!doc) return [];
  const measure = doc.measures.find(m => m.id === pilot.measureId);
  return doc.indicators.filter(i => i.measureId === pilot.measureId || (measure && i.objectiveId === measure.objectiveId));
}

const monthStart = () => `${today().slice(0, 7)}-01`;

export async function forms({ pilots, strategy }, coordinator) {
  if (!coordinator) return [];
  const out = [];
  const pilotMeasures = strategy?.document.measures.filter(m => m.pilot) ?? [];
  if (pilotMeasures.length) {
    const measure = choice(pilotMeasures.map(m => [m.id, m.title])), title = el('input', { required: true, maxlength: 200 });
    const launch = el('input', { type: 'date', required: true, value: today() }), end = el('input', { type: 'date', required: true });
    const sites = el('textarea', { maxlength: 10000 }), channels = choice(['ONLINE_PLATFORM', 'IN_PERSON_DESK', 'OUTREACH', 'TELEPHONE', 'PARTNER_ORGANISATION'],
      { multiple: true, size: 3 });
    out.push(form('pilot-plan', t('ui.plan-pilot', 'Plan a pilot'), [field(t('diff.MEASURE', 'Measure'), measure), field(t('ui.title', 'Title'), title),
      field(t('ui.planned-launch', 'Planned launch'), launch), field(t('ui.planned-end', 'Planned end'), end),
      field(t('ui.sites', 'Sites'), sites, t('ui.one-per-line', 'One per line.')), field(t('ui.channels', 'Delivery channels'), channels)], t('ui.save', 'Save'),
    () => post('/pilots', { measureId: measure.value, title: title.value, plannedLaunch: launch.value, plannedEnd: end.value,
      sites: sites.value.split('\n').map(x => x.trim()).filter(Boolean), channels: chosen(channels) })));
  }
  for (const p of pilots) {
    const url = `/pilots/${p.id}`;
    const box = el('section', { class: 'card', 'data-pilot': p.id, 'aria-label': p.title }, el('h3', {}, `${p.title} · ${enumLabel(p.status)}`));
    const on = el('input', { type: 'date', required: true, value: today() }), reason = el('input', { maxlength: 500 });
    if (p.status === 'PLANNED') {
      box.append(form(`pilot-launch-${p.id}`, t('ui.launch', 'Launch'), [field(t('ui.launch-date', 'Launch date'), on)], t('ui.launch', 'Launch'),
        () => post(`${url}/launch`, { version: p.version, launchDate: on.value })));
    } else if (['LAUNCHED', 'RUNNING', 'PAUSED'].includes(p.status)) {
      const targets = { LAUNCHED: ['RUNNING', 'DISCONTINUED'], RUNNING: ['PAUSED', 'COMPLETED', 'DISCONTINUED'], PAUSED: ['RUNNING', 'COMPLETED', 'DISCONTINUED'] }[p.status];
      const f = el('form', { id: `pilot-status-${p.id}`, class: 'sub pilot-status', onsubmit: e => { e.preventDefault();
        run(() => post(`${url}/status`, { version: p.version, to: e.submitter.dataset.to, on: on.value, reason: reason.value.trim() || null })); } },
      el('h4', {}, t('ui.change-status', 'Change status')), field(t('ui.on', 'On'), on), field(t('ui.reason', 'Reason'), reason),
      el('div', { class: 'row' }, ...targets.map(to => el('button', { type: 'submit', 'data-to': to },
        p.status === 'PAUSED' && to === 'RUNNING' ? t('ui.resume', 'Resume') : to === 'RUNNING' ? t('ui.run', 'Run') : to === 'PAUSED' ? t('ui.pause', 'Pause')
          : to === 'COMPLETED' ? t('ui.complete', 'Complete') : t('ui.discontinue', 'Discontinue')))));
      box.append(f);
    }
    const indicators = indicatorsOf(strategy, p);
    if (p.status !== 'PLANNED' && indicators.length) {
      const indicator = choice(indicators.map(i => [i.id, `${i.name} (${i.unit})`])), from = el('input', { type: 'date', required: true, value: monthStart() });
      const to = el('input', { type: 'date', required: true, value: today() }), value = el('input', { type: 'number', step: 'any', required: true });
      const n = el('input', { type: 'number', min: 0 }), source = el('input', { maxlength: 200 });
      box.append(form(`pilot-observe-${p.id}`, t('ui.record-observation', 'Record an observation'), [field(t('ui.indicator', 'Indicator'), indicator),
        field(t('ui.period-from', 'Period from'), from), field(t('ui.period-to', 'Period to'), to), field(t('ui.value', 'Value'), value),
        field(t('ui.n', 'Number of cases'), n), field(t('ui.source', 'Source'), source)], t('ui.save', 'Save'),
      () => post(`${url}/observations`, { version: p.version, indicatorId: indicator.value, periodFrom: from.value, periodTo: to.value, value: number(value.value),
        n: number(n.value), sourceRef: source.value.trim() || null })));
    }
    if (['COMPLETED', 'DISCONTINUED', 'EVALUATED'].includes(p.status)) {
      const type = choice(['NATIONAL_EXPERT', 'INTERNATIONAL_EXPERT', 'TECHNICAL_PARTNER', 'SELF']), findings = el('textarea', { required: true, maxlength: 2000 });
      const recommendation = choice(['SCALE_UP', 'ADAPT', 'STOP']);
      box.append(form(`pilot-evaluate-${p.id}`, t('ui.evaluate-pilot', 'Evaluate'), [field(t('ui.evaluator', 'Evaluator'), type), field(t('ui.findings', 'Findings'), findings),
        field(t('ui.recommendation', 'Recommendation'), recommendation)], t('ui.save', 'Save'),
      () => post(`${url}/evaluations`, { version: p.version, evaluatorType: type.value, findings: texts(findings.value), recommendation: recommendation.value })));
    }
    out.push(box);
  }
  return out;
}
