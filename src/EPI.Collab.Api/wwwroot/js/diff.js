// A strategy diff as a table: what changed, which item by name, and each changed field with its value before and after.
import { el, language, localized } from './api.js';
import { t } from './i18n.js';

/** The value at a diff field path: `budget.amount`, `statement[ro]` (a language of a list of texts), `[de]` (the vision). */
export function at(value, path) {
  for (const part of path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    if (value === null || value === undefined) return undefined;
    value = part.startsWith('[') ? (Array.isArray(value) ? value.find(x => x.lang === part.slice(1, -1))?.text : undefined) : value[part];
  }
  return value;
}

/** A value as text; ids found in `names` (organisations, items, proposals) show as their names. */
const shown = (v, names) => {
  const named = x => typeof x === 'string' && names?.has(x) ? names.get(x) : x;
  return v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v, (_, x) => named(x)) : String(named(v));
};

export function diffTable(diff, id = 'diff-table', names = null) {
  const lang = language();
  if (!diff.items.length) return el('p', { id }, t('ui.no-changes', 'No changes.'));
  return el('table', { id }, el('thead', {}, el('tr', {}, ...[t('ui.change', 'Change'), t('ui.item', 'Item'), t('ui.name', 'Name'),
    t('ui.fields', 'Fields')].map(h => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, ...diff.items.map(i => el('tr', { class: `diff-${i.change}`, 'data-item': i.item, 'data-id': i.id ?? '' },
    el('td', {}, t(`diff.${i.change}`, i.change)), el('td', {}, t(`diff.${i.item}`, i.item)),
    el('td', { class: 'diff-name' }, localized(i.name, lang) || localized(i.after ?? i.before, lang)),
    el('td', { class: 'diff-fields' }, i.fields.length ? el('ul', {}, ...i.fields.map(f => el('li', {}, el('code', {}, f), ': ',
      el('del', {}, shown(at(i.before, f), names)), ' → ', el('ins', {}, shown(at(i.after, f), names))))) : '')))));
}

// The same comparison as the service's StrategyDiff, for the preview of a revision not yet proposed.
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const isTexts = v => Array.isArray(v) && v.every(x => x && typeof x === 'object' && typeof x.lang === 'string' && 'text' in x);

export function fields(path, before, after) {
  if (same(before, after)) return [];
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after))
    return [...new Set([...Object.keys(after), ...Object.keys(before)])].flatMap(k =>
      !(k in before) || !(k in after) ? [path ? `${path}.${k}` : k] : fields(path ? `${path}.${k}` : k, before[k], after[k]));
  if (isTexts(before) && isTexts(after)) {
    const langs = [...new Set([...after.map(x => x.lang), ...before.map(x => x.lang)])];
    return langs.filter(l => before.find(x => x.lang === l)?.text !== after.find(x => x.lang === l)?.text).map(l => `${path}[${l}]`);
  }
  return [path];
}

/** Changes applied to a document, as the service folds them (StrategyDocument.Apply). */
export function applyChanges(doc, changes) {
  const replace = (list, item) => list.map(x => x.id === item.id ? item : x);
  return changes.reduce((d, c) => ({
    ADD_OBJECTIVE: () => ({ ...d, objectives: [...d.objectives, c.objective] }),
    UPDATE_OBJECTIVE: () => ({ ...d, objectives: replace(d.objectives, c.objective) }),
    REMOVE_OBJECTIVE: () => ({ ...d, objectives: d.objectives.filter(o => o.id !== c.id) }),
    ADD_MEASURE: () => ({ ...d, measures: [...d.measures, c.measure] }),
    UPDATE_MEASURE: () => ({ ...d, measures: replace(d.measures, c.measure) }),
    REMOVE_MEASURE: () => ({ ...d, measures: d.measures.filter(m => m.id !== c.id) }),
    ADD_INDICATOR: () => ({ ...d, indicators: [...d.indicators, c.indicator] }),
    UPDATE_INDICATOR: () => ({ ...d, indicators: replace(d.indicators, c.indicator) }),
    REMOVE_INDICATOR: () => ({ ...d, indicators: d.indicators.filter(i => i.id !== c.id) }),
    SET_VISION: () => ({ ...d, vision: c.vision }),
  }[c.kind] ?? (() => d))(), doc);
}

export function compareDocuments(before, after) {
  const und = text => [{ lang: 'und', text }];
  const items = [];
  const item = (kind, id, name, b, a) => {
    if (b === undefined) items.push({ item: kind, id, change: 'ADDED', name, fields: [], before: null, after: a });
    else if (!same(b, a)) items.push({ item: kind, id, change: 'CHANGED', name, fields: fields('', b, a), before: b, after: a });
  };
  item('TITLE', null, und(after.title), before.title, after.title);
  item('VISION', null, [], before.vision, after.vision);
  for (const [kind, key, name] of [['OBJECTIVE', 'objectives', o => o.statement], ['MEASURE', 'measures', m => und(m.title)], ['INDICATOR', 'indicators', i => und(i.name)]]) {
    const now = new Map(after[key].map(x => [x.id, x])), old = new Map(before[key].map(x => [x.id, x]));
    for (const x of before[key]) if (!now.has(x.id)) items.push({ item: kind, id: x.id, change: 'REMOVED', name: name(x), fields: [], before: x, after: null });
    for (const x of after[key]) item(kind, x.id, name(x), old.get(x.id), x);
  }
  return { items };
}
