// Every user's jobs, filtered by user, printer, origin (fallback or server), state and dates,
// a page at a time (the API's limit/offset and total).

import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, notice, view, pager } from '../ui.js';
import { jobsTable } from '../jobs_table.js';

export const jobsPerPage = 50;

// <input type=date> gives "2026-11-24"; the API wants an ISO time (the end day is inclusive).
function dayStart(date, plusDays = 0) {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

export async function renderJobs(filters = {}, news, offset = 0) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ users }, { printers }] = await Promise.all([api.get('/api/v1/users'),
    api.get('/api/v1/printers')]);
  const logins = Object.fromEntries(users.map((u) => [u.id, u.login]));
  const results = h('div', { 'aria-live': 'polite' });
  const load = async (f, at = 0) => {
    const answer = await api.get(`/api/v1/jobs${query({
      user: f.user, printer: f.printer, origin: f.origin, state: f.state,
      from: dayStart(f.from), to: dayStart(f.to, 1), limit: jobsPerPage, offset: at })}`);
    const paging = pager(t('jobs.pages_nav'), { offset: at, shown: answer.jobs.length,
      total: answer.total, texts: { none: 'jobs.none_match', range: 'jobs.range' },
      onGo: (next) => load(f, next), pageSize: jobsPerPage });
    results.replaceChildren(paging,
      jobsTable(answer.jobs, { printers, users: logins, showOwner: true,
        onDone: (kind, text) => renderJobs(f, notice(kind, text), at) }));
  };
  const filterForm = form(t('jobs.filter_form'), [h('div', { class: 'filters' },
    field({ name: 'user', label: t('column.user'), type: 'select', value: filters.user,
      options: [['', t('jobs.filter_everyone')], ...users.map((u) => [u.login, u.login])] }),
    field({ name: 'printer', label: t('column.printer'), type: 'select', value: filters.printer,
      options: [['', t('jobs.filter_every_printer')], ...printers.map((p) => [p.name, p.name])] }),
    field({ name: 'origin', label: t('column.origin'), type: 'select', value: filters.origin,
      options: [['', t('jobs.filter_any_origin')], ['server', t('origin.server_filter')],
        ['fallback', t('origin.fallback_filter')]] }),
    field({ name: 'state', label: t('column.state'), type: 'select', value: filters.state,
      options: [['', t('jobs.filter_any_state')], ['pending', t('job_state_filter.pending')],
        ['held', t('job_state_filter.held')], ['printing', t('job_state_filter.printing')],
        ['printed', t('job_state_filter.printed')], ['failed', t('job_state_filter.failed')],
        ['cancelled', t('job_state_filter.cancelled')]] }),
    field({ name: 'from', label: t('jobs.filter_from'), type: 'date', value: filters.from }),
    field({ name: 'to', label: t('jobs.filter_to'), type: 'date', value: filters.to }))],
  t('jobs.show'), (v) => load(v));
  showPage(t('jobs.title'), news || null, filterForm, results);
  await load(filters, offset);
}
