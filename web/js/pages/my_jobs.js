// My jobs: release a held job to a printer, cancel one that has not printed.

import { api, query } from '../api.js';
import { h, notice, view } from '../ui.js';
import { jobsTable } from '../jobs_table.js';

export async function renderMyJobs(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ jobs }, { printers }] = await Promise.all([
    api.get(`/api/v1/me/jobs${query({ limit: 200 })}`), api.get('/api/v1/printers')]);
  const held = jobs.filter((j) => j.state === 'held').length;
  showPage('My jobs', news instanceof Node ? news : null,
    h('p', { class: 'help' }, held
      ? `${held} job(s) wait for you to release them to a printer.`
      : 'Jobs you send to a hold queue wait here until you release them to a printer.'),
    jobsTable(jobs, { printers, onDone: (kind, text) => renderMyJobs(notice(kind, text)) }));
}
