// Print queues: direct (prints at once to a printer or a group) or hold (waits for release).

import { api } from '../api.js';
import { field, form, h, notice, view, section, table } from '../ui.js';

function queueForm(queue, printers, groups, done) {
  const q = queue || { name: '', kind: 'direct', printer_id: null, group_id: null };
  return form(queue ? `Edit queue ${q.name}` : 'Add a queue', [
    field({ name: 'name', label: 'Name', value: q.name, required: true,
      help: 'The IPP address is /ipp/print/<name>.' }),
    field({ name: 'kind', label: 'Kind', type: 'select', value: q.kind,
      options: [['direct', 'Direct: print at once'], ['hold', 'Hold: wait for the user to release']] }),
    field({ name: 'printer_id', label: 'Printer (direct queues)', type: 'select', value: q.printer_id ?? '',
      options: [['', '(none)'], ...printers.map((p) => [p.id, p.name])] }),
    field({ name: 'group_id', label: 'or group (direct queues)', type: 'select', value: q.group_id ?? '',
      options: [['', '(none)'], ...groups.map((g) => [g.id, g.name])] }),
  ], queue ? 'Save queue' : 'Add queue', async (v) => {
    const body = { name: v.name, kind: v.kind,
      printer_id: v.printer_id ? Number(v.printer_id) : null,
      group_id: v.group_id ? Number(v.group_id) : null };
    const saved = queue ? await api.patch(`/api/v1/queues/${queue.id}`, body)
      : await api.post('/api/v1/queues', body);
    done(`Queue "${saved.name}" saved.`);
  });
}

export async function renderQueues(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ queues }, { printers }, { groups }] = await Promise.all([api.get('/api/v1/queues'),
    api.get('/api/v1/printers'), api.get('/api/v1/groups')]);
  const slot = h('div', {});
  const reload = (message) => renderQueues(message);
  const show = (q) => { slot.replaceChildren(queueForm(q, printers, groups, reload)); slot.querySelector('input').focus(); };
  const target = (q) => (q.printer_id ? `printer ${printers.find((p) => p.id === q.printer_id)?.name}`
    : q.group_id ? `group ${groups.find((g) => g.id === q.group_id)?.name}` : '–');
  showPage('Queues', typeof news === 'string' ? notice('ok', news) : null,
    section('All queues', table([
      { label: 'Name', value: (q) => q.name },
      { label: 'Kind', value: (q) => q.kind },
      { label: 'Target', value: target },
      { label: 'Actions', value: (q) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => show(q) }, `Edit ${q.name}`),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(`Delete queue "${q.name}"?`)) return;
          try { await api.del(`/api/v1/queues/${q.id}`); reload(`Queue "${q.name}" deleted.`); }
          catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
        } }, `Delete ${q.name}`)) },
    ], queues, 'No queues yet.'), h('button', { type: 'button', onclick: () => show(null) }, 'Add a queue')),
    slot);
}
