// The city's own workspace: the EPI process of one city, tab by tab (review, strategy, pilots, organisations, transfer, personal data,
// audit grants). Coordinators and admins write; other staff read, and facilitators are told the process is the coordinator's.
// The city's feed arrives over SignalR (FollowCity): every pushed CityMessage redraws what the open tab shows (not its forms).
import { el, params } from './api.js';
import { languagePicker, loadTexts, t } from './i18n.js';
import { requireStaff, signOutButton } from './login.js';
import { ctx } from './ws-kit.js';
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

async function render() {
  const name = current(), [title, area] = tabs[name];
  $('tabs').replaceChildren(...Object.entries(tabs).map(([key, [label]]) => el('a', { href: `#${key}`, id: `tab-${key}`,
    'aria-current': key === name ? 'page' : null }, label())));
  const viewBox = el('div', { id: `${name}-view` }), formBox = el('div', { id: `${name}-forms`, class: 'grid2' });
  $('main').replaceChildren(
    el('div', { class: 'row' }, el('label', { for: 'city-select' }, t('ui.city', 'City')),
      el('select', { id: 'city-select', disabled: !!ctx.session.city, onchange: e => { ctx.cityId = e.target.value; follow(); render(); } },
        ...cities.map(c => new Option(c, c, false, c === ctx.cityId)))),
    coordinator ? '' : el('p', { id: 'refused', class: 'notice', role: 'note' }, t('ui.coordinator-only',
      'The city process (review, strategy, pilots, transfer, organisations, personal data) is run by the city\'s coordinator; you can read it here.')),
    el('h2', { id: 'tab-title' }, title()), viewBox, formBox);
  try {
    const data = await area.load();
    viewBox.replaceChildren(area.view(data));
    formBox.replaceChildren(...await area.forms(data, coordinator && (name !== 'grants')));
  } catch (e) { viewBox.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${e.status ?? ''} ${e.message}`)); }
  document.body.dataset.ready = name;
}

async function refreshView() {
  const name = current(), [, area] = tabs[name];
  try { $(`${name}-view`)?.replaceChildren(area.view(await area.load())); } catch { /* the next push or action shows it */ }
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
      pending = setTimeout(refreshView, 150);
    });
    connection.onreconnecting(() => status('reconnecting'));
    connection.onreconnected(async () => { followed = null; await follow(); refreshView(); });
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
  ctx.refreshView = refreshView;
  coordinator = session.role === 'admin' || session.role === 'coordinator';
  $('who').replaceChildren(`${session.role}${session.city ? ` · ${session.city}` : ''} `, signOutButton());
  window.addEventListener('hashchange', render);
  render();
  follow();
}

await loadTexts();
languagePicker($('lang'), () => ctx.session && render());
requireStaff($('main'), ready);
