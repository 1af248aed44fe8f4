// Printer groups: named, ordered lists of printers (failover order for direct queues, a
// fallback target for profiles).

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, notice, view, section, table } from '../ui.js';

function groupForm(group, printers, done) {
  const g = group || { name: '', description: '', printer_ids: [] };
  return form(group ? t('groups.form_edit', { name: g.name }) : t('groups.add'), [
    field({ name: 'name', label: t('column.name'), value: g.name, required: true }),
    field({ name: 'description', label: t('column.description'), value: g.description }),
    field({ name: 'printer_ids', label: t('groups.printers_field'),
      type: 'select', multiple: true, value: g.printer_ids,
      options: printers.map((p) => [p.id, p.name]) }),
  ], group ? t('groups.save') : t('groups.add_submit'), async (v) => {
    const body = { name: v.name, description: v.description, printer_ids: v.printer_ids.map(Number) };
    const saved = group ? await api.patch(`/api/v1/groups/${group.id}`, body)
      : await api.post('/api/v1/groups', body);
    done(t('groups.saved', { name: saved.name }));
  });
}

export async function renderGroups(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ groups }, { printers }] = await Promise.all([api.get('/api/v1/groups'),
    api.get('/api/v1/printers')]);
  const slot = h('div', {});
  const reload = (message) => renderGroups(message);
  const show = (g) => { slot.replaceChildren(groupForm(g, printers, reload)); slot.querySelector('input').focus(); };
  const names = (ids) => ids.map((id) => printers.find((p) => p.id === id)?.name || `#${id}`).join(', ');
  showPage(t('groups.title'), typeof news === 'string' ? notice('ok', news) : null,
    section(t('groups.all'), table([
      { label: t('column.name'), value: (g) => g.name },
      { label: t('column.description'), value: (g) => g.description || '–' },
      { label: t('column.printers'), value: (g) => names(g.printer_ids) || '–' },
      { label: t('column.actions'), value: (g) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => show(g) }, t('groups.edit', { name: g.name })),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('groups.delete_confirm', { name: g.name }))) return;
          try { await api.del(`/api/v1/groups/${g.id}`); reload(t('groups.deleted', { name: g.name })); }
          catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
        } }, t('groups.delete', { name: g.name }))) },
    ], groups, t('groups.none')), h('button', { type: 'button', onclick: () => show(null) }, t('groups.add'))),
    slot);
}
