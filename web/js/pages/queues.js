// Print queues: direct (prints at once to a printer or a group) or hold (waits for release),
// each with how long its held jobs wait for their owner (hours; empty: the server's setting).

import { api } from '../api.js';
import { number, t } from '../i18n.js';
import { field, form, h, notice, view, section, table } from '../ui.js';

// Seconds as the form's number field takes them: hours with at most two decimals.
const hoursOf = (seconds) => (seconds == null ? '' : String(Math.round(seconds / 36) / 100));

function queueForm(queue, printers, groups, done) {
  const q = queue || { name: '', kind: 'direct', printer_id: null, group_id: null };
  return form(queue ? t('queues.form_edit', { name: q.name }) : t('queues.add'), [
    field({ name: 'name', label: t('column.name'), value: q.name, required: true,
      help: t('queues.name_help') }),
    field({ name: 'kind', label: t('column.kind'), type: 'select', value: q.kind,
      options: [['direct', t('queues.kind_direct_long')], ['hold', t('queues.kind_hold_long')]] }),
    field({ name: 'printer_id', label: t('queues.printer_field'), type: 'select', value: q.printer_id ?? '',
      options: [['', t('queues.none_choice')], ...printers.map((p) => [p.id, p.name])] }),
    field({ name: 'group_id', label: t('queues.group_field'), type: 'select', value: q.group_id ?? '',
      options: [['', t('queues.none_choice')], ...groups.map((g) => [g.id, g.name])] }),
    field({ name: 'hold_hours', label: t('queues.hold_time_field'), type: 'number', min: 0, max: 8784,
      step: '0.01', value: hoursOf(q.hold_expiry_seconds), help: t('queues.hold_time_help') }),
  ], queue ? t('queues.save') : t('queues.add_submit'), async (v) => {
    const body = { name: v.name, kind: v.kind,
      printer_id: v.printer_id ? Number(v.printer_id) : null,
      group_id: v.group_id ? Number(v.group_id) : null,
      hold_expiry_seconds: v.hold_hours === '' ? null : Math.round(Number(v.hold_hours) * 3600) };
    const saved = queue ? await api.patch(`/api/v1/queues/${queue.id}`, body)
      : await api.post('/api/v1/queues', body);
    done(t('queues.saved', { name: saved.name }));
  });
}

export async function renderQueues(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ queues }, { printers }, { groups }] = await Promise.all([api.get('/api/v1/queues'),
    api.get('/api/v1/printers'), api.get('/api/v1/groups')]);
  const slot = h('div', {});
  const reload = (message) => renderQueues(message);
  const show = (q) => { slot.replaceChildren(queueForm(q, printers, groups, reload)); slot.querySelector('input').focus(); };
  const target = (q) => (q.printer_id
    ? t('queues.target_printer', { name: printers.find((p) => p.id === q.printer_id)?.name })
    : q.group_id ? t('queues.target_group', { name: groups.find((g) => g.id === q.group_id)?.name }) : '–');
  const holdText = (q) => (q.hold_expiry_seconds == null ? t('queues.hold_default')
    : q.hold_expiry_seconds === 0 ? t('queues.hold_never')
      : t('queues.hold_hours', { hours: number(Math.round(q.hold_expiry_seconds / 36) / 100) }));
  const kindText = (kind) => (['direct', 'hold'].includes(kind) ? t(`queue_kind.${kind}`) : kind);
  // Set over IPP (Pause-Printer, Disable-Printer), shown here only.
  const stateText = (q) => [q.paused ? t('queues.state_paused') : t('queues.state_printing'),
    q.accepting_jobs === false ? t('queues.state_not_accepting') : null].filter(Boolean).join(', ');
  showPage(t('queues.title'), typeof news === 'string' ? notice('ok', news) : null,
    section(t('queues.all'), table([
      { label: t('column.name'), value: (q) => q.name },
      { label: t('column.kind'), value: (q) => kindText(q.kind) },
      { label: t('column.target'), value: target },
      { label: t('queues.hold_time_column'), value: holdText },
      { label: t('queues.state_column'), value: stateText },
      { label: t('column.actions'), value: (q) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => show(q) }, t('queues.edit', { name: q.name })),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('queues.delete_confirm', { name: q.name }))) return;
          try { await api.del(`/api/v1/queues/${q.id}`); reload(t('queues.deleted', { name: q.name })); }
          catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
        } }, t('queues.delete', { name: q.name }))) },
    ], queues, t('queues.none')), h('button', { type: 'button', onclick: () => show(null) }, t('queues.add'))),
    slot);
}
