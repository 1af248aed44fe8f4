// My jobs: release a held job to a printer, cancel one that has not printed.

import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { h, notice, view } from '../ui.js';
import { jobsTable } from '../jobs_table.js';

export async function renderMyJobs(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ jobs }, { printers }] = await Promise.all([
    api.get(`/api/v1/me/jobs${query({ limit: 200 })}`), api.get('/api/v1/printers')]);
  const held = jobs.filter((j) => j.state === 'held').length;
  showPage(t('my_jobs.title'), news instanceof Node ? news : null,
    h('p', { class: 'help' }, held
      ? t('my_jobs.held_waiting', { count: held })
      : t('my_jobs.help')),
    jobsTable(jobs, { printers, onDone: (kind, text) => renderMyJobs(notice(kind, text)) }));
}
