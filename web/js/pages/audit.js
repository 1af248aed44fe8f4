// Audit log: every administrative change, newest first.

import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { h, view, table, when } from '../ui.js';

export async function renderAudit() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const { entries } = await api.get(`/api/v1/audit${query({ limit: 500 })}`);
  // Action and object kind are the server's identifiers (user.create, printer…), kept as
  // they are so they can be searched for in the server's log and docs.
  showPage(t('audit.title'), table([
    { label: t('column.when'), value: (e) => when(e.at) },
    { label: t('column.who'), value: (e) => e.actor },
    { label: t('column.action'), value: (e) => e.action },
    { label: t('column.object'), value: (e) => `${e.object_kind} ${e.object_name}` },
    { label: t('column.details'), value: (e) => h('span', { class: 'details' }, e.details || '') },
  ], entries, t('audit.none')));
}
