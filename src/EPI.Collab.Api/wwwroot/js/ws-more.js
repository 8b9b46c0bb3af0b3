// Organisations, transfer (activities, progress, follower cities, method templates), personal data (coordinator only), audit grants.
import { api, el, language, localized } from './api.js';
import { t } from './i18n.js';
import { ctx, call, choice, chosen, enumLabel, field, form, number, post, problemText, table, texts, today } from './ws-kit.js';

const orgTypes = ['LOCAL_AUTHORITY', 'WELFARE_INSTITUTION', 'CSO', 'GRASSROOTS_NGO', 'MIGRANT_LED_ORG', 'SOCIAL_ENTERPRISE', 'BUSINESS', 'ACADEMIA',
  'RELIGIOUS_COMMUNITY', 'INTERNATIONAL_ORG', 'DIPLOMATIC', 'PUBLIC_EMPLOYMENT_SERVICE', 'TECHNICAL_PARTNER', 'COORDINATOR'];
const levels = ['LOCAL', 'REGIONAL', 'NATIONAL', 'EU'];
const activityKinds = ['NATIONAL_CONFERENCE', 'REPLICATION_WORKSHOP', 'EU_CONFERENCE', 'VIDEO', 'REPORT', 'SOCIAL_POST', 'NEWSLETTER'];
const interest = ['AWARE', 'INTERESTED', 'COMMITTED', 'REPLICATING'];
export const cities = ['cartagena', 'cluj-napoca', 'dietzenbach', 'linkoping', 'lublin', 'ravenna', 'riga'];

export const organisations = {
  load: async () => ({ organisations: await call('/organisations') }),
  view: ({ organisations: list }) => table('organisation-list', [t('ui.name', 'Name'), t('ui.type', 'Type'), t('ui.level', 'Level'), t('ui.partner', 'Project partner')],
    list.map(o => [o.name, enumLabel(o.type), enumLabel(o.level), o.isProjectPartner ? t('ui.yes', 'yes') : t('ui.no', 'no')])),
  forms: async ({ organisations: list }, coordinator) => {
    if (!coordinator) return [];
    const fieldsOf = () => { const name = el('input', { required: true, maxlength: 200 }), type = choice(orgTypes), level = choice(levels), partner = el('input', { type: 'checkbox' });
      return { name, type, level, partner, nodes: [field(t('ui.name', 'Name'), name), field(t('ui.type', 'Type'), type), field(t('ui.level', 'Level'), level),
        el('label', { class: 'inline' }, partner, t('ui.partner', 'Project partner'))] }; };
    const r = fieldsOf();
    const out = [form('organisation-register', t('ui.register-organisation', 'Register an organisation'), r.nodes, t('ui.save', 'Save'),
      () => post('/organisations', { name: r.name.value, type: r.type.value, level: r.level.value, isProjectPartner: r.partner.checked }))];
    if (list.length) {
      const which = choice(list.map(o => [o.id, o.name])), v = fieldsOf();
      const fill = () => { const o = list.find(x => x.id === which.value); v.name.value = o.name; v.type.value = o.type; v.level.value = o.level; v.partner.checked = o.isProjectPartner; };
      which.addEventListener('change', fill); fill();
      out.push(form('organisation-revise', t('ui.revise-organisation', 'Revise an organisation'), [field(t('ui.organisation', 'Organisation'), which), ...v.nodes],
        t('ui.save', 'Save'), () => post(`/organisations/${which.value}/revise`, { version: list.find(x => x.id === which.value).version, name: v.name.value,
          type: v.type.value, level: v.level.value, isProjectPartner: v.partner.checked })));
    }
    return out;
  }
};

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a); a.click(); a.remove();
}

/** Materials as lines of "address title". */
const materialLines = list => list.map(m => `${m.url} ${m.title}`).join('\n');
function materialsOf(text) {
  return text.split('\n').map(l => l.trim()).filter(Boolean).map(line => {
    const m = /^(\S+)\s+(.+)$/.exec(line);
    if (!m) throw new Error(`${t('ui.materials', 'Materials')}: "${line}" — ${t('ui.material-format', 'one per line: the address (https://…), then the title')}`);
    return { title: m[2].trim(), url: m[1] };
  });
}

/** The fields of a transfer activity, the same for recording and correcting one. */
function activityFields() {
  const kind = choice(activityKinds), date = el('input', { type: 'date', required: true, value: today() }), location = el('input', { required: true, minlength: 2, maxlength: 200 });
  const audience = el('input', { type: 'number', min: 0, required: true }), title = el('input', { required: true, maxlength: 200 });
  const materials = el('textarea', { maxlength: 20000, placeholder: 'https://epi-project.com/en/resources/ …' });
  return {
    nodes: [field(t('ui.kind', 'Kind'), kind), field(t('ui.date', 'Date'), date), field(t('ui.location', 'Location'), location),
      field(t('ui.audience', 'Audience'), audience), field(t('ui.title', 'Title'), title),
      field(t('ui.materials', 'Materials'), materials, t('ui.material-format', 'one per line: the address (https://…), then the title'))],
    fill: a => { kind.value = a.kind; date.value = a.date; location.value = a.location; audience.value = a.audienceCount;
      title.value = localized(a.title, language()); materials.value = materialLines(a.materials); },
    read: a => {
      const lang = language(), text = title.value.trim();
      const titles = !a ? texts(title.value) : a.title.some(x => x.lang === lang) ? a.title.map(x => x.lang === lang ? { lang, text } : x) : [...a.title, { lang, text }];
      return { kind: kind.value, date: date.value, location: location.value.trim(), audienceCount: number(audience.value), title: titles, materials: materialsOf(materials.value) };
    }
  };
}

export const transfer = {
  load: async () => {
    const [progress, activities, followers] = await Promise.all([call('/transfer/progress'), call('/transfer/activities'), call('/transfer/followers')]);
    return { progress, activities, followers };
  },
  view: ({ progress, activities, followers }) => el('div', {},
    el('h3', {}, t('ui.transfer-progress', 'Progress against the EPI targets')),
    el('ul', { id: 'transfer-progress' }, ...progress.targets.map(p => el('li', {}, `${enumLabel(p.kind)}: ${p.count}/${p.target} `,
      el('meter', { min: 0, max: p.target, value: Math.min(p.count, p.target), 'aria-label': enumLabel(p.kind) }), p.met ? ` ✓ ${t('ui.met', 'met')}` : ''))),
    el('h3', {}, t('ui.activities', 'Activities')),
    table('transfer-activities', [t('ui.date', 'Date'), t('ui.kind', 'Kind'), t('ui.title', 'Title'), t('ui.location', 'Location'), t('ui.audience', 'Audience'),
      t('ui.materials', 'Materials')], activities.map(a => [a.date, enumLabel(a.kind), localized(a.title, language()), a.location, String(a.audienceCount),
      a.materials.length ? el('ul', {}, ...a.materials.map(m => el('li', {}, el('a', { href: m.url, rel: 'noopener' }, m.title)))) : '—'])),
    el('h3', {}, t('ui.followers', 'Follower cities')),
    table('transfer-followers', [t('ui.name', 'Name'), t('ui.country', 'Country'), t('ui.interest', 'Interest'), t('ui.methods', 'Methods')],
      followers.map(f => [f.name, f.country, enumLabel(f.interestLevel), f.methodsOfInterest.map(enumLabel).join(', ')]))),
  forms: async ({ activities, followers }, coordinator) => {
    if (!coordinator) return [];
    const record = activityFields();
    const out = [form('transfer-activity', t('ui.record-activity', 'Record an activity'), record.nodes, t('ui.save', 'Save'),
      () => post('/transfer/activities', record.read(null)))];
    if (activities.length) {
      const which = choice(activities.map(a => [a.id, `${a.date} · ${enumLabel(a.kind)} · ${localized(a.title, language())}`])), fix = activityFields();
      const activity = () => activities.find(a => a.id === which.value);
      which.addEventListener('change', () => fix.fill(activity()));
      fix.fill(activity());
      out.push(form('transfer-correct', t('ui.correct-activity', 'Correct an activity'), [field(t('ui.activity', 'Activity'), which), ...fix.nodes],
        t('ui.save', 'Save'), () => post(`/transfer/activities/${which.value}/correct`, { version: activity().version, ...fix.read(activity()) })));
    }

    const name = el('input', { required: true, maxlength: 200 }), country = el('input', { required: true, maxlength: 2, minlength: 2, placeholder: 'PL' });
    const level = choice(interest), methods = choice(['INTERCULTURAL_REVIEW', 'POLICY_DESIGN_PROCESS', 'PILOT_STRATEGY'], { multiple: true, size: 3, required: true });
    const organisations = await call('/organisations');
    const contact = choice([['', '—'], ...organisations.map(o => [o.id, o.name])]);
    const source = choice([['', '—'], ...activities.map(a => [a.id, `${a.date} · ${localized(a.title, language())}`])]);
    const mentor = choice([['', `— (${ctx.cityId})`], ...cities.map(c => [c, c])]);
    out.push(form('transfer-follower', t('ui.register-follower', 'Register a follower city'), [field(t('ui.name', 'Name'), name), field(t('ui.country', 'Country'), country),
      field(t('ui.interest', 'Interest'), level), field(t('ui.methods', 'Methods'), methods), field(t('ui.contact-organisation', 'Contact organisation'), contact),
      field(t('ui.source-activity', 'Met the method at'), source), field(t('ui.mentor-city', 'Mentor city'), mentor)], t('ui.save', 'Save'),
    () => post('/transfer/followers', { name: name.value, country: country.value.toUpperCase(), interestLevel: level.value, methodsOfInterest: chosen(methods),
      contactOrganisationId: contact.value || null, sourceActivityId: source.value || null, mentorCityId: mentor.value || null })));
    if (followers.length) {
      const which = choice(followers.map(f => [f.id, `${f.name} (${enumLabel(f.interestLevel)})`])), to = choice(interest), note = el('input', { required: true, maxlength: 500 });
      out.push(form('transfer-interest', t('ui.change-interest', 'Change a follower\'s interest'), [field(t('ui.followers', 'Follower city'), which),
        field(t('ui.to', 'To'), to), field(t('ui.note', 'Note'), note)], t('ui.save', 'Save'),
      () => post(`/transfer/followers/${which.value}/interest`, { version: followers.find(f => f.id === which.value).version, to: to.value, note: note.value })));
    }

    const report = el('pre', { id: 'import-report', role: 'status' });
    const file = el('input', { type: 'file', accept: 'application/json,.json', required: true }), target = choice(cities.map(c => [c, c]));
    out.push(el('section', { class: 'card', id: 'method-template', 'aria-labelledby': 'method-template-h' }, el('h3', { id: 'method-template-h' }, t('ui.method-template', 'Method template')),
      el('button', { type: 'button', id: 'template-export', onclick: async () => {
        try { download(await call('/method-template', { raw: true }).then(r => r.blob()), `method-template-${ctx.cityId}.json`); } catch (e) { report.textContent = problemText(e); }
      } }, t('ui.export-template', 'Export (download)')),
      el('form', { id: 'template-import', onsubmit: async e => {
        e.preventDefault();
        try {
          const body = JSON.parse(await file.files[0].text());
          const result = await api(`/api/cities/${target.value}/method-template/import`, { method: 'POST', body, token: ctx.session.accessToken });
          report.textContent = result.strategy ? `${result.strategy.status} ${result.strategy.title}: ${result.strategy.detail ?? ''}\n${JSON.stringify(result, null, 2)}`
            : JSON.stringify(result, null, 2);
        } catch (err) { report.textContent = err instanceof SyntaxError ? err.message : problemText(err); }
      } }, el('h4', {}, t('ui.import-template', 'Import into a city')), field(t('ui.file', 'Template file'), file), field(t('ui.city', 'City'), target),
      el('button', { type: 'submit' }, t('ui.import', 'Import'))), report));
    return out;
  }
};

export const personal = {
  load: async () => ({}),
  view: () => el('p', { class: 'hint' }, t('ui.personal-hint', 'Subject access (Art. 15) and erasure (Art. 17) of one participant or staff member, by their id.')),
  forms: async (_, coordinator) => {
    if (!coordinator) return [];
    const subject = el('input', { required: true, pattern: '[0-9a-fA-F-]{36}', maxlength: 36 }), out = el('pre', { id: 'subject-data', role: 'status' });
    const ground = choice(['CONSENT_WITHDRAWN', 'NO_LONGER_NECESSARY', 'OBJECTION', 'UNLAWFUL_PROCESSING', 'LEGAL_OBLIGATION', 'RETENTION_EXPIRED']);
    const checked = el('input', { type: 'checkbox', required: true, id: 'erase-checked' });
    const show = async () => { try { out.textContent = JSON.stringify(await call(`/subjects/${subject.value.trim()}/data`), null, 2); } catch (e) { out.textContent = problemText(e); } };
    return [el('form', { id: 'subject-access', class: 'card', onsubmit: e => { e.preventDefault(); show(); } }, el('h3', {}, t('ui.subject-access', 'Subject access')),
      field(t('ui.subject', 'Subject id'), subject), el('button', { type: 'submit', class: 'primary' }, t('ui.show', 'Show'))),
    el('form', { id: 'erase-form', class: 'card', onsubmit: async e => {
      e.preventDefault();
      try { await post(`/subjects/${subject.value.trim()}/erasure`, { ground: ground.value, exceptionsChecked: checked.checked }); await show(); }
      catch (err) { out.textContent = problemText(err); }
    } }, el('h3', {}, t('ui.erase', 'Erase')), field(t('ui.ground', 'Ground'), ground),
    el('label', { class: 'inline', for: 'erase-checked' }, checked, t('ui.exceptions-checked', 'The exceptions of Art. 17(3) were checked')),
    el('button', { type: 'submit', class: 'primary', id: 'erase' }, t('ui.erase', 'Erase'))), out];
  }
};

export const grants = {
  load: async () => ({ grants: await call('/audit/access-grants') }),
  view: ({ grants: list }) => table('grant-list', [t('ui.granted', 'Granted'), t('ui.expires', 'Expires'), t('ui.purpose', 'Purpose'), t('ui.workshop', 'Workshop'),
    t('ui.accesses', 'Accesses')], list.map(g => [new Date(g.grantedAt).toLocaleString(language()), new Date(g.expiresAt).toLocaleString(language()), g.purpose,
    g.workshopId ?? '—', String(g.accesses)])),
  forms: async () => []
};
