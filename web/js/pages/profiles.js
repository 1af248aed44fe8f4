// Settings → Desktop Client → configuration profiles, with the Printing tab's Fallback
// printing (FP-4…FP-6, FP-9). The server validates (D8, src/model/profile_validation.*); its
// refusals and warnings are shown at the fields they name. The "jobs may be counted twice"
// warning is also shown while the administrator picks printers, before saving.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, formMessage, h, notice, view, section, showAtFields, table } from '../ui.js';

const lines = (text) => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);

function tabs(panels) {
  const buttons = panels.map(([title], i) => h('button', {
    type: 'button', role: 'tab', id: `tab-${i}`, 'aria-controls': `panel-${i}`,
    'aria-selected': String(i === 0), tabindex: i === 0 ? '0' : '-1',
  }, title));
  const bodies = panels.map(([title, content], i) => h('div', {
    role: 'tabpanel', id: `panel-${i}`, 'aria-labelledby': `tab-${i}`, hidden: i !== 0,
  }, content));
  const select = (i) => {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      bodies[j].hidden = i !== j;
    });
    buttons[i].focus();
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(i));
    b.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowRight') select((i + 1) % buttons.length);
      if (event.key === 'ArrowLeft') select((i + buttons.length - 1) % buttons.length);
    });
  });
  return { el: h('div', { class: 'tabs' }, h('div', { role: 'tablist', 'aria-label': t('profiles.tabs') },
    buttons), bodies), select, bodies };
}

// The double-count warning of D8 for the chosen printers, as the server words it.
function doubleCountWarnings(printers, kx) {
  if (kx) return [];
  return printers.filter((p) => /kyocera/i.test(p.vendor || '') && !p.spooling_port)
    .map((p) => ({ field: 'fallback.printers', message: t('profiles.double_count', { name: p.name }) }));
}

// What the administrator needs to know about a printer while choosing it for fallback.
function printerNote(p) {
  const parts = [p.vendor || t('profiles.no_vendor')];
  if (p.spooling_port) {
    parts.push(t('profiles.spooling_port', { protocol: p.spooling_port.protocol, port: p.spooling_port.port }));
  }
  if (!p.fallback_allowed) parts.push(t('profiles.fallback_not_allowed'));
  return parts.join(', ');
}

function fallbackFieldset(profile, printers, groups) {
  const f = profile.fallback;
  const useGroup = f.group_id !== null && f.group_id !== undefined;
  const chosen = new Set(f.printer_ids || []);
  const printerBoxes = printers.map((p) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', dataset: { printerId: p.id }, checked: chosen.has(p.id) }),
    ` ${p.name}`, h('small', {}, ` ${printerNote(p)}`)));
  return h('fieldset', { class: 'group', 'aria-label': t('profiles.fallback') },
    h('legend', {}, t('profiles.fallback')),
    h('p', { class: 'help' }, t('profiles.fallback_help')),
    field({ name: 'fallback.enabled', label: t('profiles.fallback_enabled'), type: 'checkbox',
      value: f.enabled }),
    h('fieldset', { class: 'group', dataset: { field: 'fallback.printers' } },
      h('legend', {}, t('profiles.target')),
      h('p', { class: 'field-error', 'aria-live': 'polite' }),
      h('p', { class: 'field-warning', 'aria-live': 'polite' }),
      h('div', { class: 'radios' },
        h('label', {}, h('input', { type: 'radio', name: 'fallback.target', value: 'printers',
          checked: !useGroup }), ` ${t('profiles.target_printers')}`),
        h('label', {}, h('input', { type: 'radio', name: 'fallback.target', value: 'group',
          checked: useGroup }), ` ${t('profiles.target_group')}`)),
      h('div', { class: 'printer-choices', dataset: { field: 'fallback.printer_ids' } },
        printerBoxes.length ? printerBoxes : h('p', { class: 'empty' }, t('profiles.no_printers')),
        h('p', { class: 'field-error' })),
      field({ name: 'fallback.group_id', label: t('profiles.group'), type: 'select', value: f.group_id ?? '',
        options: [['', t('profiles.no_group')], ...groups.map((g) => [g.id, g.name])] })),
    field({ name: 'fallback.release', label: t('profiles.release'), type: 'select', value: f.release,
      options: [['always', t('profiles.release_always')],
        ['credit-quota', t('profiles.release_credit_quota')]] }),
    h('fieldset', { class: 'group', dataset: { field: 'fallback.port' } },
      h('legend', {}, t('profiles.device_port')),
      h('p', { class: 'field-error', 'aria-live': 'polite' }),
      h('p', { class: 'field-warning', 'aria-live': 'polite' }),
      field({ name: 'fallback.port.protocol', label: t('profiles.protocol'), type: 'select',
        value: f.port.protocol, options: [['RAW', 'RAW'], ['LPR', 'LPR'], ['IPP', 'IPP']] }),
      field({ name: 'fallback.port.port', label: t('profiles.port'), type: 'number', min: 1, max: 65535,
        value: f.port.port }),
      field({ name: 'fallback.port.queue', label: t('profiles.queue'), value: f.port.queue,
        help: t('profiles.queue_help') })),
    // FP-9: with KX integration only device spooling ports are allowed.
    field({ name: 'fallback.kx_integration', label: t('profiles.kx'),
      type: 'checkbox', value: f.kx_integration, help: t('profiles.kx_help') }),
    field({ name: 'fallback.keep_waiting_days', label: t('profiles.keep_days'),
      type: 'number', min: 1, max: 365, value: f.keep_waiting_days,
      help: t('profiles.keep_days_help') }));
}

function profileBody(v, el) {
  const target = el.querySelector('input[name="fallback.target"]:checked')?.value || 'printers';
  const printerIds = [...el.querySelectorAll('input[data-printer-id]:checked')]
    .map((box) => Number(box.dataset.printerId));
  return {
    name: v.name,
    is_default: v.is_default,
    assigned_users: lines(v.assigned_users),
    assigned_groups: lines(v.assigned_groups),
    server_addresses: lines(v.server_addresses),
    connect_timeout_ms: v.connect_timeout_ms ?? 3000,
    heartbeat_interval_s: v.heartbeat_interval_s ?? 10,
    answer_timeout_s: v.answer_timeout_s ?? 5,
    fallback: {
      enabled: v['fallback.enabled'],
      printer_ids: target === 'printers' ? printerIds : [],
      group_id: target === 'group' && v['fallback.group_id'] ? Number(v['fallback.group_id']) : null,
      release: v['fallback.release'],
      port: { protocol: v['fallback.port.protocol'], port: v['fallback.port.port'] ?? 0,
        queue: v['fallback.port.queue'] },
      kx_integration: v['fallback.kx_integration'],
      keep_waiting_days: v['fallback.keep_waiting_days'] ?? 7,
    },
  };
}

const blank = {
  name: '', assigned_users: [], assigned_groups: [], is_default: false, server_addresses: [],
  connect_timeout_ms: 3000, heartbeat_interval_s: 10, answer_timeout_s: 5,
  fallback: { enabled: false, printer_ids: [], group_id: null, release: 'always',
    port: { protocol: 'RAW', port: 9100, queue: '' }, kx_integration: false, keep_waiting_days: 7 },
};

function profileForm(profile, printers, groups, userGroups, onSaved) {
  const p = profile || blank;
  const general = [
    field({ name: 'name', label: t('profiles.name'), value: p.name, required: true }),
    field({ name: 'is_default', label: t('profiles.is_default'),
      type: 'checkbox', value: p.is_default }),
    field({ name: 'assigned_users', label: t('profiles.users'),
      value: p.assigned_users.join(', ') }),
    field({ name: 'assigned_groups', label: t('profiles.user_groups'),
      value: p.assigned_groups.join(', '),
      help: userGroups.length ? t('profiles.user_groups_known', { groups: userGroups.map((g) => g.name).join(', ') })
        : t('profiles.user_groups_none') }),
    field({ name: 'server_addresses', label: t('profiles.servers'),
      value: p.server_addresses.join(', '), placeholder: 'https://print.example.org:8631' }),
    field({ name: 'connect_timeout_ms', label: t('profiles.connect_timeout'), type: 'number', min: 100,
      max: 60000, value: p.connect_timeout_ms }),
    field({ name: 'heartbeat_interval_s', label: t('profiles.heartbeat'), type: 'number', min: 1,
      max: 3600, value: p.heartbeat_interval_s }),
    // D10: how long a hung server may keep a job from its fallback printer.
    field({ name: 'answer_timeout_s', label: t('profiles.answer_timeout'), type: 'number', min: 1,
      max: 120, value: p.answer_timeout_s ?? 5, help: t('profiles.answer_timeout_help') }),
  ];
  const tabSet = tabs([[t('profiles.tab_general'), general],
    [t('profiles.tab_printing'), fallbackFieldset(p, printers, groups)]]);
  const el = form(profile ? t('profiles.form_edit', { name: p.name }) : t('profiles.new'), [tabSet.el],
    profile ? t('profiles.save') : t('profiles.create'), async (v, formEl) => {
      const body = profileBody(v, formEl);
      let answer;
      try {
        answer = profile
          ? await api.patch(`/api/v1/profiles/${profile.id}`, body)
          : await api.post('/api/v1/profiles', body);
      } catch (problem) {
        // Show the tab that holds the first refused field.
        if ((problem.field || '').startsWith('fallback')) tabSet.select(1);
        throw problem;
      }
      onSaved(answer.profile, answer.warnings || []);
    });
  // The warning at the field while choosing (the server repeats it on save).
  const refresh = () => {
    const slot = el.querySelector('[data-field="fallback.printers"] > .field-warning');
    const v = profileBody(collect(el), el);
    const chosen = v.fallback.group_id !== null
      ? printers.filter((pr) => (groups.find((g) => g.id === v.fallback.group_id)?.printer_ids || [])
        .includes(pr.id))
      : printers.filter((pr) => v.fallback.printer_ids.includes(pr.id));
    const warnings = v.fallback.enabled ? doubleCountWarnings(chosen, v.fallback.kx_integration) : [];
    slot.replaceChildren(...warnings.map((w) => h('span', { class: 'finding' },
      t('profiles.warning', { message: w.message }))));
  };
  // Printers or a group, not both: only the chosen kind of target can be edited.
  const targets = () => {
    const group = el.querySelector('input[name="fallback.target"]:checked')?.value === 'group';
    el.querySelectorAll('input[data-printer-id]').forEach((box) => { box.disabled = group; });
    el.querySelector('select[name="fallback.group_id"]').disabled = !group;
  };
  el.addEventListener('change', () => { targets(); refresh(); });
  targets();
  refresh();
  return { el, tabs: tabSet };
}

function collect(el) {
  const out = {};
  for (const input of el.querySelectorAll('input[name], select[name]')) {
    if (input.type === 'radio') continue;
    out[input.name] = input.type === 'checkbox' ? input.checked
      : input.type === 'number' ? (input.value === '' ? null : Number(input.value)) : input.value;
  }
  return out;
}

export async function renderProfiles(news, warnings, openId) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ profiles }, { printers }, { groups }, { user_groups: userGroups }] = await Promise.all([
    api.get('/api/v1/profiles'), api.get('/api/v1/printers'), api.get('/api/v1/groups'),
    api.get('/api/v1/user-groups')]);
  const slot = h('div', {});
  const open = (profile, saved) => {
    const { el, tabs: tabSet } = profileForm(profile, printers, groups, userGroups, (savedProfile, found) =>
      renderProfiles(t('profiles.saved', { name: savedProfile.name, version: savedProfile.version }),
        found, savedProfile.id));
    slot.replaceChildren(el);
    if (saved) {
      formMessage(el, 'ok', saved.news);
      const rest = showAtFields(el, saved.warnings.map((w) => ({ ...w,
        message: t('profiles.warning', { message: w.message }) })), 'warning');
      for (const w of rest) el.querySelector('.form-message').append(notice('warning', w.message));
      if (saved.warnings.some((w) => w.field.startsWith('fallback'))) tabSet.select(1);
    }
    el.querySelector('input').focus();
  };
  showPage(t('profiles.title'),
    section(t('profiles.list'), table([
      { label: t('column.name'), value: (p) => (p.is_default ? t('profiles.name_default', { name: p.name }) : p.name) },
      { label: t('column.users'), value: (p) => p.assigned_users.join(', ') || '–' },
      { label: t('profiles.fallback'), value: (p) => (p.fallback.enabled ? t('profiles.enabled') : t('profiles.disabled')) },
      { label: t('column.version'), value: (p) => p.version },
      { label: t('column.actions'), value: (p) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => open(p) }, t('profiles.edit', { name: p.name })),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('profiles.delete_confirm', { name: p.name }))) return;
          try { await api.del(`/api/v1/profiles/${p.id}`); renderProfiles(t('profiles.deleted', { name: p.name })); }
          catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
        } }, t('profiles.delete', { name: p.name }))) },
    ], profiles, t('profiles.none')),
    h('button', { type: 'button', onclick: () => open(null) }, t('profiles.new'))),
    slot);
  const reopened = openId && profiles.find((p) => p.id === openId);
  if (reopened) open(reopened, { news, warnings: warnings || [] });
  else if (typeof news === 'string') slot.replaceChildren(notice('ok', news));
}
