// The page shell: who is logged in, the menu for their role, and the hash routes (#/admin/…,
// #/my/…). Role checks are the server's (every API call is checked); the shell only refuses
// early so a user who types an administrator's address gets a clear answer.

import { api, onUnauthenticated, setCsrfToken } from './api.js';
import { h, newNavigation, notice, page, StaleRender } from './ui.js';
import { renderLogin } from './pages/login.js';
import { routes, adminMenu, userMenu } from './routes.js';

export const session = { user: null };

function setUser(user, csrf) {
  session.user = user;
  setCsrfToken(csrf);
  renderChrome();
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
  who.textContent = user ? `${user.name || user.login} (${user.role})` : '';
  if (!user) { nav.replaceChildren(); return; }
  const items = user.role === 'admin' ? [...adminMenu, ...userMenu] : userMenu;
  nav.replaceChildren(h('ul', {}, items.map(([path, label]) =>
    h('li', {}, h('a', { href: `#${path}`, dataset: { path } }, label)))));
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
  if (!session.user) { renderLogin(onLoggedIn); return; }
  if (path === '/' || path === '/login') {
    location.replace(session.user.role === 'admin' ? '#/admin/dashboard' : '#/my/jobs');
    return;
  }
  const found = routes[path];
  if (!found) {
    page('Page not found', notice('error', `There is no page "${path}". Pick one from the menu.`));
    return;
  }
  if (found.admin && session.user.role !== 'admin') {
    page('Administrators only', notice('error',
      `This page is for administrators, and you (${session.user.login}) are not one. ` +
      'Ask an administrator if you need it; your own jobs and balance are in the menu.'));
    return;
  }
  try {
    await found.render();
  } catch (problem) {
    // The user has moved on: the page now shown is another render's.
    if (problem instanceof StaleRender) { console.debug(problem.message); return; }
    // A 401 has already brought back the log-in form (onUnauthenticated).
    if (problem && problem.status === 401) return;
    page('This page could not load', notice('error', problem.message || String(problem)));
  }
  document.getElementById('main').focus({ preventScroll: true });
}

function onLoggedIn(user, csrf) {
  setUser(user, csrf);
  route();  // the page that was asked for, or the role's first page
}

async function start() {
  onUnauthenticated(() => {
    if (!session.user) return;
    setUser(null, '');
    renderLogin(onLoggedIn, 'Your session has ended. Log in again.');
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api.post('/web/logout'); } catch (e) { /* the session is gone either way */ }
    setUser(null, '');
    location.hash = '#/login';
    renderLogin(onLoggedIn, 'You are logged out.');
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
    setUser(current.user, current.csrf_token);
  } catch (e) {
    setUser(null, '');
  }
  route();
}

start();
