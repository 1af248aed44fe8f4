// Audit log: every administrative change, newest first.

import { api, query } from '../api.js';
import { h, view, table, when } from '../ui.js';

export async function renderAudit() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const { entries } = await api.get(`/api/v1/audit${query({ limit: 500 })}`);
  showPage('Audit log', table([
    { label: 'When', value: (e) => when(e.at) },
    { label: 'Who', value: (e) => e.actor },
    { label: 'Action', value: (e) => e.action },
    { label: 'Object', value: (e) => `${e.object_kind} ${e.object_name}` },
    { label: 'Details', value: (e) => h('span', { class: 'details' }, e.details || '') },
  ], entries, 'No administrative change recorded yet.'));
}
