// Printers: every attribute of docs/api.md's Printer, including the vendor, the Kyocera
// device spooling port (FP-9), whether fallback printing may use the printer, and the language
// RAW/LPR printers are sent and the paper sizes the printer takes (D11).

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, notice, view, section, table } from '../ui.js';

const papers = ['A5', 'A4', 'A3', 'A2', 'A1', 'A0', 'Letter', 'Legal', 'Tabloid'];
const languages = () => [['auto', t('printers.language_auto')], ['pdf', 'PDF'],
  ['postscript', 'PostScript'], ['pcl-xl', 'PCL-XL (PCL 6)'], ['pcl5', 'PCL 5']];

// "A4, A3" → ['A4', 'A3']; empty → [] (any size up to the largest paper).
function paperList(text) {
  return (text || '').split(',').map((x) => x.trim()).filter((x) => x);
}

function paperText(p) {
  if (p.paper_sizes && p.paper_sizes.length) return p.paper_sizes.join(', ');
  return t(p.large_format ? 'printers.up_to_large' : 'printers.up_to', { paper: p.largest_paper });
}

function printerBody(v) {
  return {
    name: v.name, device_uri: v.device_uri, vendor: v.vendor, location: v.location,
    color: v.color, duplex: v.duplex, largest_paper: v.largest_paper,
    paper_sizes: paperList(v.paper_sizes), language: v.language,
    fallback_allowed: v.fallback_allowed,
    spooling_port: v.has_spooling_port
      ? { protocol: v['spooling_port.protocol'], port: v['spooling_port.port'] ?? 0,
        queue: v['spooling_port.queue'] }
      : null,
  };
}

function printerForm(printer, onSaved) {
  const p = printer || { color: false, duplex: false, largest_paper: 'A4', fallback_allowed: true,
    language: 'auto', paper_sizes: [] };
  const port = p.spooling_port || { protocol: 'LPR', port: 515, queue: '' };
  const spooling = h('fieldset', { class: 'group', dataset: { field: 'spooling_port' } },
    h('legend', {}, t('printers.spooling_legend')),  // FP-9
    field({ name: 'has_spooling_port', label: t('printers.has_spooling'),
      type: 'checkbox', value: !!p.spooling_port, help: t('printers.has_spooling_help') }),
    field({ name: 'spooling_port.protocol', label: t('profiles.protocol'), type: 'select', value: port.protocol,
      options: [['RAW', 'RAW (AppSocket)'], ['LPR', 'LPR'], ['IPP', 'IPP']] }),
    field({ name: 'spooling_port.port', label: t('profiles.port'), type: 'number', min: 1, max: 65535,
      value: port.port }),
    field({ name: 'spooling_port.queue', label: t('profiles.queue'), value: port.queue }));
  const el = form(printer ? t('printers.form_edit', { name: p.name }) : t('printers.add'), [
    field({ name: 'name', label: t('column.name'), value: p.name, required: true }),
    field({ name: 'device_uri', label: t('printers.device_uri'), value: p.device_uri, required: true,
      placeholder: 'socket://10.0.0.5:9100', help: t('printers.device_uri_help') }),
    field({ name: 'vendor', label: t('printers.vendor'), value: p.vendor, placeholder: 'Kyocera' }),
    field({ name: 'location', label: t('printers.location'), value: p.location }),
    field({ name: 'largest_paper', label: t('printers.largest_paper'), type: 'select', value: p.largest_paper,
      options: papers.map((x) => [x, x]) }),
    field({ name: 'paper_sizes', label: t('printers.paper_sizes'), value: (p.paper_sizes || []).join(', '),
      placeholder: 'A4, A3', help: t('printers.paper_sizes_help') }),
    field({ name: 'language', label: t('printers.language_field'), type: 'select',
      value: p.language || 'auto', options: languages(), help: t('printers.language_help') }),
    field({ name: 'color', label: t('prices.colour'), type: 'checkbox', value: p.color }),
    field({ name: 'duplex', label: t('printers.duplex'), type: 'checkbox', value: p.duplex }),
    // FP-3: the device must accept jobs from unknown sources.
    field({ name: 'fallback_allowed', label: t('printers.fallback_allowed'), type: 'checkbox',
      value: p.fallback_allowed, help: t('printers.fallback_allowed_help') }),
    spooling,
  ], printer ? t('printers.save') : t('printers.add_submit'), async (v) => {
    const body = printerBody(v);
    const saved = printer
      ? await api.patch(`/api/v1/printers/${printer.id}`, body)
      : await api.post('/api/v1/printers', body);
    onSaved(t('printers.saved', { name: saved.name }));
  });
  // The port's fields only mean something when the printer has one.
  const toggle = () => {
    const on = el.querySelector('input[name="has_spooling_port"]').checked;
    for (const input of spooling.querySelectorAll('[name^="spooling_port."]')) input.disabled = !on;
  };
  el.addEventListener('change', toggle);
  toggle();
  return el;
}

export async function renderPrinters(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const { printers } = await api.get('/api/v1/printers');
  const formSlot = h('div', {});
  const reload = (message) => renderPrinters(message);
  const show = (printer) => {
    formSlot.replaceChildren(printerForm(printer, reload));
    formSlot.querySelector('input').focus();
  };
  const list = table([
    { label: t('column.name'), value: (p) => p.name },
    { label: t('printers.device_uri'), value: (p) => p.device_uri },
    { label: t('printers.vendor'), value: (p) => p.vendor || '–' },
    { label: t('prices.colour'), value: (p) => (p.color ? t('printers.colour') : t('printers.mono')) },
    { label: t('printers.language'), value: (p) => p.language || 'auto' },
    { label: t('prices.paper'), value: paperText },
    { label: t('printers.duplex'), value: (p) => (p.duplex ? t('printers.yes') : t('printers.no')) },
    { label: t('printers.location'), value: (p) => p.location || '–' },
    { label: t('printers.fallback'), value: (p) => (p.fallback_allowed ? t('printers.allowed') : t('printers.not_allowed')) },
    { label: t('printers.spooling_port'), value: (p) => (p.spooling_port
      ? `${p.spooling_port.protocol} ${p.spooling_port.port} ${p.spooling_port.queue}` : '–') },
    { label: t('column.actions'), value: (p) => h('span', { class: 'row-actions' },
      h('button', { type: 'button', onclick: () => show(p) }, t('printers.edit', { name: p.name })),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('printers.delete_confirm', { name: p.name }))) return;
        try { await api.del(`/api/v1/printers/${p.id}`); reload(t('printers.deleted', { name: p.name })); }
        catch (problem) { formSlot.replaceChildren(notice('error', problem.message)); }
      } }, t('printers.delete', { name: p.name }))) },
  ], printers, t('printers.none'));
  showPage(t('printers.title'), typeof news === 'string' ? notice('ok', news) : null,
    section(t('printers.all'), list,
      h('button', { type: 'button', onclick: () => show(null) }, t('printers.add'))),
    formSlot);
  if (!printers.length) show(null);
}

