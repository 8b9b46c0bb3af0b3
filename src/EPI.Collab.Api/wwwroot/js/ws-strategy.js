// Strategy: start it, edit a revision (the vision; add, change or remove objectives, measures and indicators with every field the API
// takes), preview its diff, propose it with the decision behind it, adopt or reject pending revisions, and move the status forward.
import { api, el, language, localized } from './api.js';
import { t } from './i18n.js';
import { applyChanges, compareDocuments, diffTable } from './diff.js';
import { call, choice, ctx, chosen, cityDecisions, decisionOptions, enumLabel, field, form, number, orNull, post, problemText, run, texts, today } from './ws-kit.js';

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
        m.pilot ? ` (${t('ui.pilot', 'pilot')})` : '', ` · ${m.budget.amount} ${m.budget.currency} · `,
        el('a', { href: `/audit.html?city=${encodeURIComponent(ctx.cityId)}&measure=${m.id}` }, t('ui.how-decided', 'How was this decided?')),
        el('ul', {}, ...doc.indicators.filter(i => i.measureId === m.id).map(i => el('li', {}, `${i.name}: ${i.baseline.value} → ${i.target.value} ${i.unit}`))))))))),
    el('h3', {}, t('ui.pending-revisions', 'Revisions awaiting adoption')),
    pending.length ? el('ul', { id: 'pending-revisions' }, ...pending.map(r => el('li', { 'data-revision': r.revisionId },
      `${r.summary} · ${enumLabel(r.reason)}${r.decisionId ? ` · ${t('ui.decision', 'Decision')} ${r.decisionId}` : ''} · ${r.changes.length} ${t('ui.changes', 'changes')}`)))
      : el('p', {}, t('ui.nothing', 'Nothing yet.')),
    ...(strategy.revisions.some(r => r.rejection) ? [el('h3', {}, t('ui.rejected-revisions', 'Rejected revisions')),
      el('ul', { id: 'rejected-revisions' }, ...strategy.revisions.filter(r => r.rejection).map(r => el('li', {},
        `${r.summary} · ${r.rejection.reason}${r.rejection.decisionId ? ` · ${t('ui.decision', 'Decision')} ${r.rejection.decisionId}` : ''}`)))] : []));
}

/** The diff between two adopted revisions, as the service computes it (GET …/strategy/diff). */
function compare(strategy) {
  const from = el('input', { type: 'number', min: 0, max: strategy.revisionNo, required: true, value: Math.max(0, strategy.revisionNo - 1) });
  const to = el('input', { type: 'number', min: 0, max: strategy.revisionNo, required: true, value: strategy.revisionNo }), out = el('div', { id: 'revision-diff' });
  const show = async () => {
    try { out.replaceChildren(diffTable(await call(`/strategy/diff?from=${from.value}&to=${to.value}`), 'revision-diff-table')); }
    catch (e) { out.replaceChildren(el('p', { class: 'error' }, problemText(e))); }
  };
  show();
  return el('form', { id: 'strategy-compare', class: 'card', onsubmit: e => { e.preventDefault(); show(); } },
    el('h3', {}, t('ui.diff', 'Changes between revisions')), field(t('ui.from', 'From'), from), field(t('ui.to', 'To'), to),
    el('button', { type: 'submit' }, t('ui.compare', 'Compare')), out);
}

export async function forms({ strategy }, coordinator) {
  if (!coordinator) return strategy?.revisionNo > 0 ? [compare(strategy)] : [];
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
    const [organisations, adopted] = await Promise.all([call('/organisations'), cityDecisions().then(adoptedProposals)]);
    const show = () => {
      const r = pending.find(p => p.revisionId === which.value), after = applyChanges(strategy.document, r.changes);
      preview.replaceChildren(diffTable(compareDocuments(strategy.document, after), 'pending-diff-table', idNames(organisations, adopted, strategy.document, after)),
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
  if (strategy.revisionNo > 0) out.push(compare(strategy));
  return out;
}

/** Sets the options of a (multiple) select that are in `values`; values it does not offer yet are added, so nothing is lost. */
function pick(select, values) {
  for (const v of values) if (![...select.options].some(o => o.value === v)) select.append(new Option(v, v));
  for (const o of select.options) o.selected = values.includes(o.value);
}

/** The text in the page's language replaced (or added); the other language versions stay. */
const withText = (list, value) => {
  const lang = language(), text = value.trim();
  return list.some(x => x.lang === lang) ? list.map(x => x.lang === lang ? { lang, text } : x) : [...list, { lang, text }];
};

/** Milestones as lines of "YYYY-MM-DD title". */
const milestoneLines = list => list.map(m => `${m.due} ${m.title}`).join('\n');
function milestonesOf(text) {
  return text.split('\n').map(l => l.trim()).filter(Boolean).map(line => {
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line);
    if (!m) throw new Error(`${t('ui.milestones', 'Milestones')}: "${line}" — ${t('ui.milestone-format', 'one per line: a date (YYYY-MM-DD), then the title')}`);
    return { title: m[2].trim(), due: m[1] };
  });
}

// The fields of each kind of item, the same for adding and changing one: `fill` shows an item, `read` gives the item as the API takes it.
function objectiveFields() {
  const text = el('textarea', { maxlength: 2000, required: true }), areaList = choice(areas.map(a => [a.code, a.code]), { multiple: true, size: 4 });
  const themeList = choice(themes, { multiple: true, size: 3, required: true });
  return {
    nodes: [field(t('ui.statement', 'Statement'), text), field(t('ui.areas', 'Areas'), areaList), field(t('ui.themes', 'EPI themes'), themeList)],
    fill: o => { text.value = statement(o); pick(areaList, o.policyAreaCodes); pick(themeList, o.themes); },
    read: o => ({ id: o?.id ?? crypto.randomUUID(), statement: o ? withText(o.statement, text.value) : texts(text.value),
      policyAreaCodes: chosen(areaList), themes: chosen(themeList) })
  };
}

function measureFields(doc, organisations, proposals) {
  const orgs = organisations.map(o => [o.id, o.name]);
  const objective = choice(doc.objectives.map(o => [o.id, statement(o)])), title = el('input', { maxlength: 200, required: true });
  const description = el('textarea', { maxlength: 2000 }), lead = choice(orgs), partners = choice(orgs, { multiple: true, size: 3 });
  const groups = el('input', { maxlength: 300, placeholder: 'TCN_NEWCOMERS, REFUGEES' });
  const start = el('input', { type: 'date', required: true, value: today() }), end = el('input', { type: 'date', required: true });
  const milestones = el('textarea', { maxlength: 5000, placeholder: `${today()} …` });
  const amount = el('input', { type: 'number', min: 0, step: 'any', required: true }), source = choice(['AMIF', 'MUNICIPAL', 'OTHER']);
  const pilot = el('input', { type: 'checkbox' }), origins = choice(proposals, { multiple: true, size: 3 });
  return {
    nodes: [field(t('diff.OBJECTIVE', 'Objective'), objective), field(t('ui.title', 'Title'), title), field(t('ui.description', 'Description'), description),
      field(t('ui.lead', 'Lead organisation'), lead), field(t('ui.partners', 'Partner organisations'), partners),
      field(t('ui.target-groups', 'Target groups'), groups, t('ui.comma-separated', 'Separated by commas.')),
      field(t('ui.start', 'Start'), start), field(t('ui.end', 'End'), end),
      field(t('ui.milestones', 'Milestones'), milestones, t('ui.milestone-format', 'one per line: a date (YYYY-MM-DD), then the title')),
      field(t('ui.budget', 'Budget (EUR)'), amount), field(t('ui.source', 'Source'), source),
      el('label', { class: 'inline' }, pilot, t('ui.is-pilot', 'A pilot')),
      field(t('ui.origin-proposals', 'Proposals it came from'), origins, proposals.length ? null : t('ui.no-adopted-proposals', 'No adopted proposal yet.'))],
    fill: m => {
      objective.value = m.objectiveId; title.value = m.title; description.value = m.description; lead.value = m.leadOrganisationId;
      pick(partners, m.partnerOrganisationIds); groups.value = m.targetGroups.join(', '); start.value = m.timeline.start; end.value = m.timeline.end;
      milestones.value = milestoneLines(m.timeline.milestones); amount.value = m.budget.amount; source.value = m.budget.source; pilot.checked = m.pilot;
      pick(origins, m.originProposalIds);
    },
    read: m => ({ id: m?.id ?? crypto.randomUUID(), objectiveId: objective.value, title: title.value.trim(), description: description.value.trim(),
      leadOrganisationId: lead.value, partnerOrganisationIds: chosen(partners), targetGroups: groups.value.split(',').map(s => s.trim()).filter(Boolean),
      timeline: { start: start.value, end: end.value, milestones: milestonesOf(milestones.value) },
      budget: { amount: number(amount.value), currency: 'EUR', source: source.value }, pilot: pilot.checked, originProposalIds: chosen(origins) })
  };
}

function indicatorFields(doc) {
  const on = choice([...doc.measures.map(m => [`M:${m.id}`, `${t('diff.MEASURE', 'Measure')}: ${m.title}`]),
    ...doc.objectives.map(o => [`O:${o.id}`, `${t('diff.OBJECTIVE', 'Objective')}: ${statement(o)}`])]);
  const name = el('input', { maxlength: 200, required: true }), type = choice(['OUTPUT', 'OUTCOME', 'IMPACT', 'PROCESS']), unit = el('input', { maxlength: 50, required: true });
  const base = el('input', { type: 'number', step: 'any', required: true }), baseOn = el('input', { type: 'date', required: true, value: today() });
  const target = el('input', { type: 'number', step: 'any', required: true }), targetOn = el('input', { type: 'date', required: true });
  const frequency = choice(['MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'ANNUAL']);
  return {
    nodes: [field(t('ui.on', 'On'), on), field(t('ui.name', 'Name'), name), field(t('ui.type', 'Type'), type), field(t('ui.unit', 'Unit'), unit),
      field(t('ui.baseline', 'Baseline'), base), field(t('ui.baseline-date', 'Baseline date'), baseOn), field(t('ui.target', 'Target'), target),
      field(t('ui.target-date', 'Target date'), targetOn), field(t('ui.frequency', 'Frequency'), frequency)],
    fill: i => {
      on.value = i.measureId ? `M:${i.measureId}` : `O:${i.objectiveId}`; name.value = i.name; type.value = i.type; unit.value = i.unit;
      base.value = i.baseline.value; baseOn.value = i.baseline.date; target.value = i.target.value; targetOn.value = i.target.date; frequency.value = i.frequency;
    },
    read: i => ({ id: i?.id ?? crypto.randomUUID(), name: name.value.trim(), type: type.value, unit: unit.value.trim(),
      baseline: { value: number(base.value), date: baseOn.value }, target: { value: number(target.value), date: targetOn.value }, frequency: frequency.value,
      objectiveId: on.value.startsWith('O:') ? on.value.slice(2) : null, measureId: on.value.startsWith('M:') ? on.value.slice(2) : null })
  };
}

/** Names for the ids a diff shows: organisations, proposals, and the objectives and measures of the documents compared. */
const idNames = (organisations, proposals, ...docs) => new Map([...organisations.map(o => [o.id, o.name]), ...proposals,
  ...docs.flatMap(d => [...d.objectives.map(o => [o.id, statement(o)]), ...d.measures.map(m => [m.id, m.title])])]);

/** Proposals adopted by the city's decisions, for a measure's origin: [id, "workshop: decision · proposal v"]. */
const adoptedProposals = decisions => [...new Map(decisions.flatMap(d => (d.adopted ?? []).map(a => [a.proposalId,
  [a.proposalId, `${d.workshop.title}: ${d.rationale?.text ?? ''} · ${t('ui.proposal', 'Proposal')} ${a.proposalId.slice(0, 8)} v${a.proposalVersion}`]]))).values()];

async function editor(strategy) {
  const organisations = await call('/organisations');
  const decisions = await cityDecisions();
  const proposals = adoptedProposals(decisions);
  const box = el('section', { id: 'revision-editor', class: 'card', 'aria-labelledby': 'revision-editor-h' });
  const current = () => applyChanges(strategy.document, draft);
  const redraw = () => { box.replaceChildren(...parts()); };
  const add = change => { draft = [...draft, change]; redraw(); };

  const names = doc => idNames(organisations, proposals, strategy.document, doc);

  function parts() {
    const doc = current();
    const items = [...doc.objectives.map(o => [`OBJECTIVE:${o.id}`, `${t('diff.OBJECTIVE', 'Objective')}: ${statement(o)}`]),
      ...doc.measures.map(m => [`MEASURE:${m.id}`, `${t('diff.MEASURE', 'Measure')}: ${m.title}`]),
      ...doc.indicators.map(i => [`INDICATOR:${i.id}`, `${t('diff.INDICATOR', 'Indicator')}: ${i.name}`])];
    const sub = (id, title, fields, make) => el('form', { id, class: 'sub', onsubmit: e => {
      e.preventDefault();
      try { add(make()); } catch (err) { const s = document.getElementById('status'); s.dataset.state = 'error'; s.textContent = err.message; }
    } }, el('h4', {}, title), ...fields, el('button', { type: 'submit' }, t('ui.add-change', 'Add to revision')));
    /** A form that changes one existing item: pick it, its fields show its values, edit any of them. */
    const changer = (id, title, pickLabel, list, label, fieldsOf, kind, key) => {
      if (!list.length) return '';
      const which = choice(list.map(x => [x.id, label(x)])), f = fieldsOf();
      const item = () => list.find(x => x.id === which.value);
      which.addEventListener('change', () => f.fill(item()));
      f.fill(item());
      return sub(id, title, [field(pickLabel, which), ...f.nodes], () => ({ kind, [key]: f.read(item()) }));
    };
    const vision = el('textarea', { maxlength: 2000, required: true }, localized(doc.vision, language()));
    const o = objectiveFields(), m = measureFields(doc, organisations, proposals), i = indicatorFields(doc);
    const rItem = choice(items);
    const reason = choice(['ROUND_TABLE_OUTCOME', 'PUBLIC_COMMENT', 'MONITORING_FINDING', 'COUNCIL_AMENDMENT']);
    const decision = choice(decisionOptions(decisions)), summary = el('input', { maxlength: 500, required: true });

    return [
      el('h3', { id: 'revision-editor-h' }, t('ui.revision-editor', 'Revision editor')),
      el('p', { class: 'hint' }, t('ui.revision-editor-hint', 'Each change joins the revision below; the diff shows what the strategy would become.')),
      el('div', { class: 'grid2' },
        sub('edit-vision', t('ui.set-vision', 'Set the vision'), [field(t('ui.vision', 'Vision'), vision)],
          () => ({ kind: 'SET_VISION', vision: withText(doc.vision, vision.value) })),
        sub('edit-objective', t('ui.add-objective', 'Add an objective'), o.nodes, () => ({ kind: 'ADD_OBJECTIVE', objective: o.read() })),
        doc.objectives.length ? sub('edit-measure', t('ui.add-measure', 'Add a measure'), m.nodes, () => ({ kind: 'ADD_MEASURE', measure: m.read() })) : '',
        items.length ? sub('edit-indicator', t('ui.add-indicator', 'Add an indicator'), i.nodes, () => ({ kind: 'ADD_INDICATOR', indicator: i.read() })) : '',
        changer('edit-objective-change', t('ui.change-objective', 'Change an objective'), t('diff.OBJECTIVE', 'Objective'), doc.objectives, statement,
          objectiveFields, 'UPDATE_OBJECTIVE', 'objective'),
        changer('edit-measure-change', t('ui.change-measure', 'Change a measure'), t('diff.MEASURE', 'Measure'), doc.measures, x => x.title,
          () => measureFields(doc, organisations, proposals), 'UPDATE_MEASURE', 'measure'),
        changer('edit-indicator-change', t('ui.change-indicator', 'Change an indicator'), t('diff.INDICATOR', 'Indicator'), doc.indicators, x => x.name,
          () => indicatorFields(doc), 'UPDATE_INDICATOR', 'indicator'),
        items.length ? sub('edit-remove', t('ui.remove-item', 'Remove an item'), [field(t('ui.item', 'Item'), rItem)],
          () => { const [kind, id] = rItem.value.split(':'); return { kind: `REMOVE_${kind}`, id }; }) : ''),
      el('h4', {}, t('ui.diff-preview', 'Diff preview')), diffTable(compareDocuments(strategy.document, current()), 'revision-preview', names(doc)),
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
