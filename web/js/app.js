// The page shell: who is logged in, the menu for their role, and the hash routes (#/admin/…,
// #/my/…). Role checks are the server's (every API call is checked); the shell only refuses
// early so a user who types an administrator's address gets a clear answer. The language menu
// switches every text at once and is remembered in this browser (i18n.js) and, once logged in,
// as the user's own language, which then follows them to any browser (PATCH /api/v1/me).

import { api, onUnauthenticated, setCsrfToken } from './api.js';
import { currentLanguage, languages, preferredLanguage, rememberLanguage, t, useCurrency, useLanguage } from './i18n.js';
import { h, newNavigation, notice, page, StaleRender } from './ui.js';
import { renderLogin } from './pages/login.js';
import { renderReleaseStation } from './pages/release_station.js';
import { routes, adminMenu, userMenu } from './routes.js';

export const session = { user: null };

function setUser(user, csrf, currency) {
  session.user = user;
  setCsrfToken(csrf);
  useCurrency(currency);
  renderChrome();
}

// The shell's own texts (index.html): data-i18n names the key of an element's text,
// data-i18n-label that of its aria-label.
function translateShell() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  }
  const menu = document.getElementById('language');
  menu.setAttribute('aria-label', t('shell.language'));
  menu.replaceChildren(...Object.entries(languages).map(([code, name]) =>
    h('option', { value: code, lang: code, selected: code === document.documentElement.lang }, name)));
}

async function showLanguage(language) {
  rememberLanguage(language);
  await useLanguage(language);
  translateShell();
}

async function switchLanguage(language) {
  await showLanguage(language);
  if (session.user && session.user.language !== language) {
    try { session.user = await api.patch('/api/v1/me', { language }); } catch (e) { /* kept in this browser anyway */ }
  }
  renderChrome();
  if (session.user) route();
  else renderLogin(onLoggedIn);
}

// The language the user chose (in any browser) wins over this browser's.
async function followUsersLanguage(user) {
  if (user && user.language && languages[user.language] && user.language !== currentLanguage()) {
    await showLanguage(user.language);
  }
}

function renderChrome() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  const toggle = document.getElementById('menu-toggle');
  const user = session.user;
  nav.hidden = !user;
  logout.hidden = !user;
  toggle.hidden = !user;
  who.textContent = user ? t('shell.who', { name: user.name || user.login, role: t(`role.${user.role}`) }) : '';
  if (!user) { nav.replaceChildren(); return; }
  const items = user.role === 'admin' ? [...adminMenu, ...userMenu] : userMenu;
  nav.replaceChildren(h('ul', {}, items.map(([path, label]) =>
    h('li', {}, h('a', { href: `#${path}`, dataset: { path } }, t(label))))));
  markCurrent();
}

function markCurrent() {
  const path = currentPath();
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.path === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function currentPath() { return (location.hash.replace(/^#/, '') || '/').split('?')[0]; }

async function route() {
  newNavigation();  // a render still waiting for an older page's data will be dropped
  markCurrent();
  document.getElementById('nav').classList.remove('open');
  document.getElementById('menu-toggle').setAttribute('aria-expanded', 'false');
  const path = currentPath();
  // A release station needs no web session: people identify there with a badge or a PIN.
  if (path.startsWith('/release/')) {
    const idle = Number(new URLSearchParams(location.hash.split('?')[1] || '').get('idle'));
    renderReleaseStation(decodeURIComponent(path.slice('/release/'.length)),
      Number.isInteger(idle) && idle >= 5 && idle <= 600 ? idle : 30);
    return;
  }
  if (!session.user) { renderLogin(onLoggedIn); return; }
  if (path === '/' || path === '/login') {
    location.replace(session.user.role === 'admin' ? '#/admin/dashboard' : '#/my/jobs');
    return;
  }
  const found = routes[path];
  if (!found) {
    page(t('shell.not_found'), notice('error', t('shell.not_found_detail', { path })));
    return;
  }
  if (found.admin && session.user.role !== 'admin') {
    page(t('shell.admins_only'), notice('error',
      t('shell.admins_only_detail', { login: session.user.login })));
    return;
  }
  try {
    await found.render();
  } catch (problem) {
    // The user has moved on: the page now shown is another render's.
    if (problem instanceof StaleRender) { console.debug(problem.message); return; }
    // A 401 has already brought back the log-in form (onUnauthenticated).
    if (problem && problem.status === 401) return;
    page(t('shell.load_failed'), notice('error', problem.message || String(problem)));
  }
  document.getElementById('main').focus({ preventScroll: true });
}

async function onLoggedIn(user, csrf, currency) {
  await followUsersLanguage(user);
  setUser(user, csrf, currency);
  route();  // the page that was asked for, or the role's first page
}

async function start() {
  await useLanguage(preferredLanguage());
  translateShell();
  document.getElementById('language').addEventListener('change',
    (event) => switchLanguage(event.currentTarget.value));
  onUnauthenticated(() => {
    if (!session.user) return;
    setUser(null, '');
    renderLogin(onLoggedIn, t('login.session_ended'));
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api.post('/web/logout'); } catch (e) { /* the session is gone either way */ }
    setUser(null, '');
    location.hash = '#/login';
    renderLogin(onLoggedIn, t('login.logged_out'));
  });
  document.getElementById('menu-toggle').addEventListener('click', (event) => {
    const nav = document.getElementById('nav');
    const open = !nav.classList.contains('open');
    nav.classList.toggle('open', open);
    event.currentTarget.setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('hashchange', route);
  try {
    const current = await api.get('/web/session');
    await followUsersLanguage(current.user);
    setUser(current.user, current.csrf_token, current.currency);
  } catch (e) {
    setUser(null, '');
  }
  route();
}

start();
