// Printer groups: named, ordered lists of printers (failover order for direct queues, a
// fallback target for profiles).

import { api } from '../api.js';
import { field, form, h, notice, view, section, table } from '../ui.js';

function groupForm(group, printers, done) {
  const g = group || { name: '', description: '', printer_ids: [] };
  return form(group ? `Edit group ${g.name}` : 'Add a group', [
    field({ name: 'name', label: 'Name', value: g.name, required: true }),
    field({ name: 'description', label: 'Description', value: g.description }),
    field({ name: 'printer_ids', label: 'Printers (in failover order; Ctrl-click to pick several)',
      type: 'select', multiple: true, value: g.printer_ids,
      options: printers.map((p) => [p.id, p.name]) }),
  ], group ? 'Save group' : 'Add group', async (v) => {
    const body = { name: v.name, description: v.description, printer_ids: v.printer_ids.map(Number) };
    const saved = group ? await api.patch(`/api/v1/groups/${group.id}`, body)
      : await api.post('/api/v1/groups', body);
    done(`Group "${saved.name}" saved.`);
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
  showPage('Printer groups', typeof news === 'string' ? notice('ok', news) : null,
    section('All groups', table([
      { label: 'Name', value: (g) => g.name },
      { label: 'Description', value: (g) => g.description || '–' },
      { label: 'Printers', value: (g) => names(g.printer_ids) || '–' },
      { label: 'Actions', value: (g) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => show(g) }, `Edit ${g.name}`),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(`Delete group "${g.name}"?`)) return;
          try { await api.del(`/api/v1/groups/${g.id}`); reload(`Group "${g.name}" deleted.`); }
          catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
        } }, `Delete ${g.name}`)) },
    ], groups, 'No groups yet.'), h('button', { type: 'button', onclick: () => show(null) }, 'Add a group')),
    slot);
}
