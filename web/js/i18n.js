// The interface's language (D14): every text a page shows comes from a JSON catalog under
// /i18n/ through t(), money and dates are formatted for the chosen locale. The language is
// the one the user picked in the language menu (kept in this browser), else the browser's
// (its Accept-Language), else English. Adding a language: docs/i18n.md.

const savedKey = 'printline.language';

// The languages a catalog exists for, each named in its own language for the menu.
export const languages = { en: 'English', fr: 'Français' };

const state = { language: 'en', catalog: {}, english: {}, currency: 'EUR' };

// The saved choice, else the first of the browser's languages we have a catalog for.
export function preferredLanguage() {
  let saved = null;
  try { saved = localStorage.getItem(savedKey); } catch (e) { saved = null; }
  if (saved && languages[saved]) return saved;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (languages[base]) return base;
  }
  return 'en';
}

export function rememberLanguage(language) {
  try { localStorage.setItem(savedKey, language); } catch (e) { /* private mode: not kept */ }
}

async function fetchCatalog(language) {
  const response = await fetch(`/i18n/${language}.json`, { credentials: 'same-origin' });
  // No catalog is loaded yet to word this in: it says it in both languages.
  if (!response.ok) {
    throw new Error(`The ${language} texts could not load / Les textes ${language} n'ont pas pu se charger (${response.status}).`);
  }
  return response.json();
}

// Loads the catalog of `language`; English stays loaded so a key a translation lacks still
// shows words (the catalog check in scripts/test.sh keeps that from happening in a release).
export async function useLanguage(language) {
  if (!languages[language]) language = 'en';
  const english = Object.keys(state.english).length ? state.english : await fetchCatalog('en');
  state.english = english;
  state.catalog = language === 'en' ? english : await fetchCatalog(language);
  state.language = language;
  document.documentElement.lang = language;
}

export function currentLanguage() { return state.language; }

// The currency the server's prices are in (ISO 4217 code).
export function useCurrency(code) { if (code) state.currency = code; }

// t('jobs.released', {title, state}): the text of `key` with its {named} placeholders filled.
// A plural entry is an object of Intl.PluralRules categories ({one, other}) chosen by
// params.count.
export function t(key, params = {}) {
  let text = state.catalog[key] ?? state.english[key];
  if (text === undefined) {
    console.warn(`No text for "${key}"`);
    return key;
  }
  if (typeof text === 'object') {
    const category = new Intl.PluralRules(state.language).select(Number(params.count ?? 0));
    text = text[category] ?? text.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

// Cents as money in the server's currency and the reader's conventions: "12,50 €", "€12.50".
export function money(cents) {
  if (cents === null || cents === undefined) return '–';
  return new Intl.NumberFormat(state.language, { style: 'currency', currency: state.currency })
    .format(cents / 100);
}

// A plain count in the reader's conventions ("1 234" / "1,234").
export function number(value) {
  return new Intl.NumberFormat(state.language).format(value);
}

// An ISO time from the API as a date and time in the reader's locale and time zone.
export function when(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(state.language, { dateStyle: 'medium', timeStyle: 'short' })
    .format(date);
}
