// The city's own workspace: the EPI process of one city, tab by tab (review, strategy, pilots, organisations, transfer, personal data,
// audit grants). Coordinators and admins write; other staff read, and facilitators are told the process is the coordinator's.
// The city's feed arrives over SignalR (FollowCity): every pushed CityMessage (the city process, workshops and their decisions) draws
// the open tab again — its view, and its forms with fresh pickers and versions, keeping what is being typed.
import { el, params } from './api.js';
import { languagePicker, loadTexts, t } from './i18n.js';
import { requireStaff, signOutButton } from './login.js';
import { chosen, ctx } from './ws-kit.js';
import * as review from './ws-review.js';
import * as strategy from './ws-strategy.js';
import * as pilots from './ws-pilots.js';
import { cities, grants, organisations, personal, transfer } from './ws-more.js';

/* global signalR */
const $ = id => document.getElementById(id);
const tabs = {
  review: [() => t('ui.review-tab', 'Intercultural Review'), review], strategy: [() => t('ui.strategy', 'Strategy'), strategy],
  pilots: [() => t('ui.pilots', 'Pilots'), pilots], organisations: [() => t('ui.organisations', 'Organisations'), organisations],
  transfer: [() => t('ui.transfer', 'Transfer'), transfer], personal: [() => t('ui.personal-data', 'Personal data'), personal],
  grants: [() => t('ui.grants', 'Audit grants'), grants],
};
const current = () => tabs[location.hash.slice(1)] ? location.hash.slice(1) : 'review';
let coordinator = false;

/** What the person is typing in the forms of the tab: values by form id and control position, and where the focus is. */
function formState() {
  const controls = f => [...f.elements].filter(c => c.matches('input, select, textarea'));
  const forms = new Map([...$('main').querySelectorAll('form[id]')].map(f => [f.id, controls(f).map(c =>
    c.type === 'checkbox' || c.type === 'radio' ? c.checked : c.multiple ? chosen(c) : c.type === 'file' ? null : c.value)]));
  const active = document.activeElement, form = active?.form;
  const focus = form?.id && forms.has(form.id) ? [form.id, controls(form).indexOf(active)] : null;
  return { forms, restore: () => {
    for (const [id, values] of forms) {
      const f = document.getElementById(id);
      if (f?.tagName !== 'FORM') continue;
      const now = controls(f);
      if (now.length !== values.length) continue;
      // Pickers first: choosing one may fill the fields of its item, which then get what was typed.
      now.forEach((c, i) => {
        if (c.tagName !== 'SELECT') return;
        const before = c.multiple ? chosen(c).join() : c.value;
        if (c.multiple) for (const o of c.options) o.selected = values[i].includes(o.value);
        else if ([...c.options].some(o => o.value === values[i])) c.value = values[i];
        if ((c.multiple ? chosen(c).join() : c.value) !== before) c.dispatchEvent(new Event('change'));
      });
      now.forEach((c, i) => {
        if (c.tagName === 'SELECT' || values[i] === null) return;
        if (c.type === 'checkbox' || c.type === 'radio') c.checked = values[i]; else c.value = values[i];
      });
    }
    const form = focus && document.getElementById(focus[0]);
    if (form?.tagName === 'FORM') controls(form)[focus[1]]?.focus();
  } };
}

let generation = 0, fresh = false, latest = Promise.resolve();
/**
 * Draws the open tab. After the person's own write (`keep` false) the forms start empty; when another client changed the city
 * (`keep` true) the forms are drawn again with fresh pickers and versions, and what was being typed stays. A newer drawing wins.
 */
function render(keep = false) {
  const mine = ++generation;
  if (!keep) fresh = true;
  latest = draw(mine, keep);
  return latest;
}

/** Resolves when the newest drawing is on the page (a write's "Saved" waits for it). */
async function draw(mine, keep) {
  const name = current(), [title, area] = tabs[name];
  const viewBox = el('div', { id: `${name}-view` }), formBox = el('div', { id: `${name}-forms`, class: 'grid2' });
  try {
    const data = await area.load();
    viewBox.replaceChildren(area.view(data));
    formBox.replaceChildren(...await area.forms(data, coordinator && (name !== 'grants')));
  } catch (e) { viewBox.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${e.status ?? ''} ${e.message}`)); }
  if (mine !== generation) return latest;
  const state = !fresh && keep && $('tab-title')?.dataset.tab === name ? formState() : null;
  fresh = false;
  $('tabs').replaceChildren(...Object.entries(tabs).map(([key, [label]]) => el('a', { href: `#${key}`, id: `tab-${key}`,
    'aria-current': key === name ? 'page' : null }, label())));
  $('main').replaceChildren(
    el('div', { class: 'row' }, el('label', { for: 'city-select' }, t('ui.city', 'City')),
      el('select', { id: 'city-select', disabled: !!ctx.session.city, onchange: e => { ctx.cityId = e.target.value; follow(); render(); } },
        ...cities.map(c => new Option(c, c, false, c === ctx.cityId)))),
    coordinator ? '' : el('p', { id: 'refused', class: 'notice', role: 'note' }, t('ui.coordinator-only',
      'The city process (review, strategy, pilots, transfer, organisations, personal data) is run by the city\'s coordinator; you can read it here.')),
    el('h2', { id: 'tab-title', 'data-tab': name }, title()), viewBox, formBox);
  state?.restore();
  document.body.dataset.ready = name;
  document.body.dataset.drawn = String(mine);
}

let connection = null, followed = null;
async function follow() {
  const status = s => { $('connection').dataset.state = s; $('connection').textContent = t(`ui.${s}`, s); };
  if (!connection) {
    connection = new signalR.HubConnectionBuilder().withUrl('/hubs/collab', { accessTokenFactory: () => ctx.session.accessToken })
      .withAutomaticReconnect().build();
    let pending = null;
    connection.on('CityMessage', message => {
      if (message.cityId !== ctx.cityId) return;
      clearTimeout(pending);
      pending = setTimeout(() => render(true), 150);
    });
    connection.onreconnecting(() => status('reconnecting'));
    connection.onreconnected(async () => { followed = null; await follow(); render(true); });
    connection.onclose(() => status('offline'));
  }
  try {
    if (connection.state === signalR.HubConnectionState.Disconnected) await connection.start();
    if (followed && followed !== ctx.cityId) await connection.invoke('UnfollowCity', followed);
    if (followed !== ctx.cityId) { await connection.invoke('FollowCity', ctx.cityId); followed = ctx.cityId; }
    status('live');
  } catch { status('offline'); }
}

function ready(session) {
  ctx.session = session;
  ctx.cityId = session.city ?? params().get('city') ?? 'cluj-napoca';
  ctx.render = render;
  coordinator = session.role === 'admin' || session.role === 'coordinator';
  $('who').replaceChildren(`${session.role}${session.city ? ` · ${session.city}` : ''} `, signOutButton());
  window.addEventListener('hashchange', () => render());
  render();
  follow();
}

await loadTexts();
languagePicker($('lang'), () => ctx.session && render());
requireStaff($('main'), ready);
