// Strategy: start it, edit a revision (vision, objectives, measures, indicators), preview its diff, propose it with the decision
// behind it, adopt pending revisions, and move the status forward.
import { api, el, language, localized } from './api.js';
import { t } from './i18n.js';
import { applyChanges, compareDocuments, diffTable } from './diff.js';
import { call, choice, chosen, cityDecisions, decisionOptions, enumLabel, field, form, number, orNull, post, run, texts, today } from './ws-kit.js';

const statuses = ['DRAFT', 'CONSULTATION', 'ADOPTED_PILOT', 'PILOTING', 'EVALUATED', 'INTEGRATED_INTO_LONG_TERM_PLAN'];
const themes = ['INCLUSION', 'HOUSING', 'BASIC_SERVICES_HEALTH', 'CULTURAL_EXCHANGE', 'LABOUR_MARKET'];
/** The revision being edited in this browser: changes not yet proposed. */
let draft = [];
let areas = null;

export async function load() {
  areas ??= await api('/api/policy-areas');
  return { strategy: await orNull(call('/strategy')) };
}

const statement = o => localized(o.statement, language());

export function view({ strategy }) {
  if (!strategy) return el('p', { id: 'strategy-none' }, t('ui.no-strategy', 'The city has not started its strategy.'));
  const doc = strategy.document;
  const pending = strategy.revisions.filter(r => r.isPending);
  return el('div', {},
    el('p', { id: 'strategy-status' }, el('strong', {}, doc.title), ` · ${enumLabel(strategy.status)} · ${t('ui.revision', 'Revision')} ${strategy.revisionNo}`),
    el('p', {}, localized(doc.vision, language())),
    el('ul', { id: 'strategy-document' }, ...doc.objectives.map(o => el('li', {}, statement(o),
      el('ul', {}, ...doc.measures.filter(m => m.objectiveId === o.id).map(m => el('li', { 'data-measure': m.id }, m.title,
        m.pilot ? ` (${t('ui.pilot', 'pilot')})` : '', ` · ${m.budget.amount} ${m.budget.currency}`,
        el('ul', {}, ...doc.indicators.filter(i => i.measureId === m.id).map(i => el('li', {}, `${i.name}: ${i.baseline.value} → ${i.target.value} ${i.unit}`))))))))),
    el('h3', {}, t('ui.pending-revisions', 'Revisions awaiting adoption')),
    pending.length ? el('ul', { id: 'pending-revisions' }, ...pending.map(r => el('li', { 'data-revision': r.revisionId },
      `${r.summary} · ${enumLabel(r.reason)}${r.decisionId ? ` · ${t('ui.decision', 'Decision')} ${r.decisionId}` : ''} · ${r.changes.length} ${t('ui.changes', 'changes')}`)))
      : el('p', {}, t('ui.nothing', 'Nothing yet.')),
    ...(strategy.revisions.some(r => r.rejection) ? [el('h3', {}, t('ui.rejected-revisions', 'Rejected revisions')),
      el('ul', { id: 'rejected-revisions' }, ...strategy.revisions.filter(r => r.rejection).map(r => el('li', {},
        `${r.summary} · ${r.rejection.reason}${r.rejection.decisionId ? ` · ${t('ui.decision', 'Decision')} ${r.rejection.decisionId}` : ''}`)))] : []));
}

export async function forms({ strategy }, coordinator) {
  if (!coordinator) return [];
  if (!strategy) {
    const title = el('input', { required: true, maxlength: 200 }), vision = el('textarea', { required: true, maxlength: 2000 });
    return [form('strategy-start', t('ui.start-strategy', 'Start the strategy'), [field(t('ui.title', 'Title'), title), field(t('ui.vision', 'Vision'), vision)],
      t('ui.start', 'Start'), () => post('/strategy', { title: title.value, vision: texts(vision.value) }))];
  }
  const out = [];
  const pending = strategy.revisions.filter(r => r.isPending);
  if (pending.length) {
    const which = choice(pending.map(r => [r.revisionId, r.summary]));
    const preview = el('div', { id: 'pending-diff' });
    const show = () => {
      const r = pending.find(p => p.revisionId === which.value);
      preview.replaceChildren(diffTable(compareDocuments(strategy.document, applyChanges(strategy.document, r.changes)), 'pending-diff-table'),
        r.decisionId ? el('p', {}, `${t('ui.decision', 'Decision')}: ${r.decisionId}`) : '');
    };
    which.addEventListener('change', show);
    show();
    out.push(form('strategy-adopt', t('ui.adopt-revision', 'Adopt a revision'), [field(t('ui.revision', 'Revision'), which), preview],
      t('ui.adopt', 'Adopt'), () => post(`/strategy/revisions/${which.value}/adopt`, { version: strategy.version })));
    const decisions = await cityDecisions();
    const rejected = choice(pending.map(r => [r.revisionId, r.summary])), why = el('input', { required: true, maxlength: 500 });
    const behind = choice(decisionOptions(decisions));
    out.push(form('strategy-reject', t('ui.reject-revision', 'Reject a revision'), [field(t('ui.revision', 'Revision'), rejected),
      field(t('ui.reason', 'Reason'), why), field(t('ui.decision', 'Decision'), behind)], t('ui.reject', 'Reject'),
    () => post(`/strategy/revisions/${rejected.value}/reject`, { version: strategy.version, reason: why.value, decisionId: behind.value || null })));
  }
  const next = statuses[statuses.indexOf(strategy.status) + 1];
  if (next) {
    const body = el('input', { maxlength: 200, required: next === 'ADOPTED_PILOT' }), on = el('input', { type: 'date', value: today() });
    out.push(form('strategy-advance', t('ui.advance', 'Move forward'), [el('p', {}, `${enumLabel(strategy.status)} → ${enumLabel(next)}`),
      ...(next === 'ADOPTED_PILOT' ? [field(t('ui.adopting-body', 'Adopting body'), body), field(t('ui.adopted-on', 'Adopted on'), on)] : [])],
    enumLabel(next), () => post('/strategy/status', { version: strategy.version, to: next,
      adoption: next === 'ADOPTED_PILOT' ? { body: body.value, on: on.value } : null })));
  }
  if (strategy.status !== 'INTEGRATED_INTO_LONG_TERM_PLAN') out.push(await editor(strategy));
  return out;
}

async function editor(strategy) {
  const organisations = await call('/organisations');
  const decisions = await cityDecisions();
  const box = el('section', { id: 'revision-editor', class: 'card', 'aria-labelledby': 'revision-editor-h' });
  const current = () => applyChanges(strategy.document, draft);
  const redraw = () => { box.replaceChildren(...parts()); };
  const add = change => { draft = [...draft, change]; redraw(); };

  function parts() {
    const doc = current();
    const objectives = doc.objectives.map(o => [o.id, statement(o)]), measures = doc.measures.map(m => [m.id, m.title]);
    const items = [...doc.objectives.map(o => [`OBJECTIVE:${o.id}`, `${t('diff.OBJECTIVE', 'Objective')}: ${statement(o)}`]),
      ...doc.measures.map(m => [`MEASURE:${m.id}`, `${t('diff.MEASURE', 'Measure')}: ${m.title}`]),
      ...doc.indicators.map(i => [`INDICATOR:${i.id}`, `${t('diff.INDICATOR', 'Indicator')}: ${i.name}`])];
    const sub = (id, title, fields, label, make) => {
      const node = el('form', { id, class: 'sub', onsubmit: e => { e.preventDefault(); add(make()); } }, el('h4', {}, title), ...fields,
        el('button', { type: 'submit' }, label));
      return node;
    };

    const vision = el('textarea', { maxlength: 2000, required: true }, localized(doc.vision, language()));
    const objText = el('textarea', { maxlength: 2000, required: true }), objAreas = choice(areas.map(a => [a.code, a.code]), { multiple: true, size: 4 });
    const objThemes = choice(themes, { multiple: true, size: 3, required: true });

    const mObjective = choice(objectives), mTitle = el('input', { maxlength: 200, required: true }), mDescription = el('textarea', { maxlength: 2000 });
    const mLead = choice(organisations.map(o => [o.id, o.name])), mGroups = el('input', { maxlength: 300, placeholder: 'TCN_NEWCOMERS, REFUGEES' });
    const mStart = el('input', { type: 'date', required: true, value: today() }), mEnd = el('input', { type: 'date', required: true });
    const mAmount = el('input', { type: 'number', min: 0, step: 'any', required: true }), mSource = choice(['AMIF', 'MUNICIPAL', 'OTHER']);
    const mPilot = el('input', { type: 'checkbox' });

    const iOn = choice([...measures.map(([id, n]) => [`M:${id}`, `${t('diff.MEASURE', 'Measure')}: ${n}`]), ...objectives.map(([id, n]) => [`O:${id}`, `${t('diff.OBJECTIVE', 'Objective')}: ${n}`])]);
    const iName = el('input', { maxlength: 200, required: true }), iType = choice(['OUTPUT', 'OUTCOME', 'IMPACT', 'PROCESS']), iUnit = el('input', { maxlength: 50, required: true });
    const iBase = el('input', { type: 'number', step: 'any', required: true }), iBaseOn = el('input', { type: 'date', required: true, value: today() });
    const iTarget = el('input', { type: 'number', step: 'any', required: true }), iTargetOn = el('input', { type: 'date', required: true });
    const iFrequency = choice(['MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'ANNUAL']);

    const cMeasure = choice(measures), cTitle = el('input', { maxlength: 200 }), cAmount = el('input', { type: 'number', min: 0, step: 'any' });
    const cLead = choice([['', '—'], ...organisations.map(o => [o.id, o.name])]), cPilot = choice([['', '—'], ['true', t('ui.yes', 'yes')], ['false', t('ui.no', 'no')]]);
    const cIndicator = choice(doc.indicators.map(i => [i.id, i.name])), cTarget = el('input', { type: 'number', step: 'any', required: true });
    const rItem = choice(items);

    const reason = choice(['ROUND_TABLE_OUTCOME', 'PUBLIC_COMMENT', 'MONITORING_FINDING', 'COUNCIL_AMENDMENT']);
    const decision = choice(decisionOptions(decisions)), summary = el('input', { maxlength: 500, required: true });

    return [
      el('h3', { id: 'revision-editor-h' }, t('ui.revision-editor', 'Revision editor')),
      el('p', { class: 'hint' }, t('ui.revision-editor-hint', 'Each change joins the revision below; the diff shows what the strategy would become.')),
      el('div', { class: 'grid2' },
        sub('edit-vision', t('ui.set-vision', 'Set the vision'), [field(t('ui.vision', 'Vision'), vision)], t('ui.add-change', 'Add to revision'),
          () => ({ kind: 'SET_VISION', vision: texts(vision.value) })),
        sub('edit-objective', t('ui.add-objective', 'Add an objective'), [field(t('ui.statement', 'Statement'), objText), field(t('ui.areas', 'Areas'), objAreas),
          field(t('ui.themes', 'EPI themes'), objThemes)], t('ui.add-change', 'Add to revision'),
        () => ({ kind: 'ADD_OBJECTIVE', objective: { id: crypto.randomUUID(), statement: texts(objText.value), policyAreaCodes: chosen(objAreas), themes: chosen(objThemes) } })),
        sub('edit-measure', t('ui.add-measure', 'Add a measure'), [field(t('diff.OBJECTIVE', 'Objective'), mObjective), field(t('ui.title', 'Title'), mTitle),
          field(t('ui.description', 'Description'), mDescription), field(t('ui.lead', 'Lead organisation'), mLead), field(t('ui.target-groups', 'Target groups'), mGroups),
          field(t('ui.start', 'Start'), mStart), field(t('ui.end', 'End'), mEnd), field(t('ui.budget', 'Budget (EUR)'), mAmount), field(t('ui.source', 'Source'), mSource),
          el('label', { class: 'inline' }, mPilot, t('ui.is-pilot', 'A pilot'))], t('ui.add-change', 'Add to revision'),
        () => ({ kind: 'ADD_MEASURE', measure: { id: crypto.randomUUID(), objectiveId: mObjective.value, title: mTitle.value, description: mDescription.value,
          leadOrganisationId: mLead.value, partnerOrganisationIds: [], targetGroups: mGroups.value.split(',').map(s => s.trim()).filter(Boolean),
          timeline: { start: mStart.value, end: mEnd.value, milestones: [] }, budget: { amount: number(mAmount.value), currency: 'EUR', source: mSource.value },
          pilot: mPilot.checked, originProposalIds: [] } })),
        sub('edit-indicator', t('ui.add-indicator', 'Add an indicator'), [field(t('ui.on', 'On'), iOn), field(t('ui.name', 'Name'), iName), field(t('ui.type', 'Type'), iType),
          field(t('ui.unit', 'Unit'), iUnit), field(t('ui.baseline', 'Baseline'), iBase), field(t('ui.baseline-date', 'Baseline date'), iBaseOn),
          field(t('ui.target', 'Target'), iTarget), field(t('ui.target-date', 'Target date'), iTargetOn), field(t('ui.frequency', 'Frequency'), iFrequency)],
        t('ui.add-change', 'Add to revision'), () => ({ kind: 'ADD_INDICATOR', indicator: { id: crypto.randomUUID(), name: iName.value, type: iType.value, unit: iUnit.value,
          baseline: { value: number(iBase.value), date: iBaseOn.value }, target: { value: number(iTarget.value), date: iTargetOn.value }, frequency: iFrequency.value,
          objectiveId: iOn.value.startsWith('O:') ? iOn.value.slice(2) : null, measureId: iOn.value.startsWith('M:') ? iOn.value.slice(2) : null } })),
        measures.length ? sub('edit-measure-change', t('ui.change-measure', 'Change a measure'), [field(t('diff.MEASURE', 'Measure'), cMeasure),
          field(t('ui.title', 'Title'), cTitle), field(t('ui.budget', 'Budget (EUR)'), cAmount), field(t('ui.lead', 'Lead organisation'), cLead), field(t('ui.is-pilot', 'A pilot'), cPilot)],
        t('ui.add-change', 'Add to revision'), () => {
          const m = current().measures.find(x => x.id === cMeasure.value);
          return { kind: 'UPDATE_MEASURE', measure: { ...m, title: cTitle.value.trim() || m.title, leadOrganisationId: cLead.value || m.leadOrganisationId,
            budget: { ...m.budget, amount: cAmount.value === '' ? m.budget.amount : number(cAmount.value) }, pilot: cPilot.value === '' ? m.pilot : cPilot.value === 'true' } };
        }) : '',
        doc.indicators.length ? sub('edit-indicator-change', t('ui.change-indicator', 'Change an indicator\'s target'), [field(t('diff.INDICATOR', 'Indicator'), cIndicator),
          field(t('ui.target', 'Target'), cTarget)], t('ui.add-change', 'Add to revision'), () => {
          const i = current().indicators.find(x => x.id === cIndicator.value);
          return { kind: 'UPDATE_INDICATOR', indicator: { ...i, target: { ...i.target, value: number(cTarget.value) } } };
        }) : '',
        items.length ? sub('edit-remove', t('ui.remove-item', 'Remove an item'), [field(t('ui.item', 'Item'), rItem)], t('ui.add-change', 'Add to revision'),
          () => { const [kind, id] = rItem.value.split(':'); return { kind: `REMOVE_${kind}`, id }; }) : ''),
      el('h4', {}, t('ui.diff-preview', 'Diff preview')), diffTable(compareDocuments(strategy.document, current()), 'revision-preview'),
      draft.length ? el('button', { type: 'button', id: 'revision-clear', onclick: () => { draft = []; redraw(); } }, t('ui.clear', 'Start over')) : '',
      el('form', { id: 'revision-propose', onsubmit: e => { e.preventDefault(); run(async () => {
        await post('/strategy/revisions', { version: strategy.version, reason: reason.value, decisionId: decision.value || null, summary: summary.value, changes: draft });
        draft = [];
      }); } }, el('h4', {}, t('ui.propose-revision', 'Propose the revision')), field(t('ui.reason', 'Reason'), reason), field(t('ui.decision', 'Decision'), decision),
      field(t('ui.summary', 'Summary'), summary), el('button', { type: 'submit', class: 'primary', disabled: !draft.length }, t('ui.propose-it', 'Propose')))];
  }
  redraw();
  return box;
}
