// The release station (#/release/<printer>): a tablet or a printer's panel browser next to the
// printer. A person identifies with their badge (typed, or by a USB reader that types it and
// presses Enter) or with login and PIN, sees their held jobs priced for this printer, and
// prints or cancels them here. The session is a Bearer token kept in this page only (no
// cookie: the next person at the station inherits nothing), ended after `idle` seconds
// without a touch (30 by default, `?idle=N` in the address).

import { t, useCurrency } from '../i18n.js';
import { field, form, h, money, notice, page, table, when } from '../ui.js';

// The station's own requests: its token, never the browser's session cookie.
async function call(method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw Object.assign(new Error(t('api.offline')), { status: 0 });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = json && json.error ? json.error : {};
    throw Object.assign(new Error(error.message || t('api.answered_status', { status: response.status })),
      { status: response.status, field: error.field, details: error.details });
  }
  return json;
}

// Touches reach the station shown now; the listeners are added once, however often the
// station is opened.
let onTouch = () => {};
for (const kind of ['pointerdown', 'keydown']) {
  document.addEventListener(kind, () => onTouch(), { capture: true });
}

export function renderReleaseStation(printer, idleSeconds = 30) {
  const station = { token: null, timer: null, printer };
  const base = `/api/v1/release-station/${encodeURIComponent(printer)}`;
  document.body.classList.add('station');

  const logOut = async (message) => {
    clearTimeout(station.timer);
    const token = station.token;
    station.token = null;
    if (token) { try { await call('POST', '/api/v1/logout', { token }); } catch (e) { /* expires anyway */ } }
    showIdentify(message);
  };
  const touched = () => {
    if (!station.token) return;
    clearTimeout(station.timer);
    station.timer = setTimeout(() => logOut(t('station.logged_out_idle', { seconds: idleSeconds })),
      idleSeconds * 1000);
  };
  onTouch = touched;

  const start = (session) => {
    station.token = session.token;
    touched();
    showJobs(session.user, null);
  };

  function showIdentify(message) {
    const badge = form(t('station.badge_form'), [
      field({ name: 'card', label: t('station.badge'), type: 'password', required: true }),
    ], t('station.badge_submit'), async (v) => start(await call('POST', `${base}/session`, { body: { card: v.card } })));
    const pin = form(t('station.pin_form'), [
      field({ name: 'login', label: t('station.login'), required: true, autocomplete: 'username' }),
      field({ name: 'pin', label: t('station.pin'), type: 'password', required: true }),
    ], t('station.pin_submit'), async (v) => start(await call('POST', `${base}/session`, { body: { login: v.login, pin: v.pin } })));
    page(t('station.title', { printer }), message ? notice('ok', message) : null,
      h('p', { class: 'help' }, t('station.help')), badge, pin);
    badge.querySelector('input').focus();
  }

  async function showJobs(user, message) {
    let answer;
    try {
      answer = await call('GET', `${base}/jobs`, { token: station.token });
    } catch (problem) {
      await logOut(problem.message);
      return;
    }
    useCurrency(answer.currency);
    const chosen = new Set();
    const act = async (uuids, action) => {
      const outcome = [];
      for (const uuid of uuids) {
        const job = answer.jobs.find((j) => j.uuid === uuid);
        try {
          if (action === 'release') {
            await call('POST', `/api/v1/jobs/${uuid}/release`, { token: station.token, body: { printer } });
            outcome.push(t('station.released', { title: job.title }));
          } else {
            await call('POST', `/api/v1/jobs/${uuid}/cancel`, { token: station.token, body: {} });
            outcome.push(t('station.cancelled', { title: job.title }));
          }
        } catch (problem) {
          outcome.push(t('station.not_done', { title: job.title, problem: problem.message }));
        }
      }
      showJobs(user, outcome.join(' '));
    };
    const all = answer.jobs.map((j) => j.uuid);
    // A printer that says it cannot print (paper out, door open, stopped) is not offered.
    const readiness = answer.printer.readiness || { ready: true };
    const canPrint = readiness.ready && all.length > 0;
    const notReady = readiness.ready ? null : notice('error', [
      t('station.not_ready', { problems: readiness.problems.join(', ') }),
      readiness.message, readiness.others.length
        ? t('station.try_others', { printers: readiness.others.join(', ') }) : '',
    ].filter(Boolean).join(' '));
    page(t('station.title', { printer }),
      message ? notice('ok', message) : null, notReady,
      h('p', { class: 'big' }, t('station.hello', { name: user.name || user.login,
        balance: money(answer.balance_cents) })),
      table([
        { label: t('station.choose'), value: (j) => h('input', { type: 'checkbox',
          'aria-label': t('station.choose_job', { title: j.title }),
          onchange: (e) => (e.currentTarget.checked ? chosen.add(j.uuid) : chosen.delete(j.uuid)) }) },
        { label: t('column.title'), value: (j) => j.title },
        { label: t('column.submitted'), value: (j) => when(j.submitted_at) },
        { label: t('column.pages'), value: (j) => String(j.pages) },
        { label: t('station.cost_here'), value: (j) => (j.cost_cents === null ? '–' : money(j.cost_cents)) },
      ], answer.jobs, t('station.no_jobs')),
      h('div', { class: 'actions station-actions' },
        h('button', { type: 'button', disabled: !canPrint, onclick: () => act(all, 'release') },
          t('station.print_all')),
        h('button', { type: 'button', disabled: !canPrint, onclick: () => act([...chosen], 'release') },
          t('station.print_chosen')),
        h('button', { type: 'button', class: 'danger', disabled: all.length === 0,
          onclick: () => act([...chosen], 'cancel') }, t('station.cancel_chosen')),
        h('button', { type: 'button', onclick: () => logOut(t('station.logged_out')) }, t('station.log_out'))));
  }

  showIdentify(null);
}
