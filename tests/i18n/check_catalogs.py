#!/usr/bin/env python3
"""The message catalogs are complete and have no dead entries (D14, docs/i18n.md).

Web interface (web/i18n/*.json): every key a page uses exists in every language, each
translation keeps the English placeholders and plural forms, and no catalog holds a key no page
uses. A key is used when it is written as a string literal in web/ (t('jobs.title'), a menu
entry, data-i18n="shell.menu"), or when it starts with the literal prefix of a composed key
(t(`job_state.${state}`)).

C++ (po/): every message marked in the sources (po/POTFILES, extracted with xgettext) is
translated in every po/*.po, none is fuzzy, and no .po holds an entry the sources no longer use.

The desktop app (po/tray/*.ts): the messages lupdate finds in src/tray and apps/printline-tray
are exactly those of each .ts, all translated (none unfinished).

Usage: check_catalogs.py SOURCE_DIR
"""

import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import qualify_ts_contexts  # noqa: E402

problems = []


def problem(text):
    problems.append(text)


# ---- web ------------------------------------------------------------------------------------

def placeholders(text):
    return set(re.findall(r"\{(\w+)\}", text))


def forms(value):
    return value.values() if isinstance(value, dict) else [value]


def check_web(root):
    catalog_dir = root / "web" / "i18n"
    catalogs = {path.stem: json.loads(path.read_text(encoding="utf-8"))
                for path in sorted(catalog_dir.glob("*.json"))}
    if "en" not in catalogs:
        problem("web/i18n/en.json is missing: English is the reference catalog")
        return
    sources = [p for p in (root / "web").rglob("*") if p.suffix in (".js", ".html")
               and "i18n" not in p.parent.name]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    literals = set(re.findall(r"""['"]([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+)['"]""", text))
    called = set(re.findall(r"""(?<![\w.])t\(\s*['"]([^'"]+)['"]""", text))
    called |= set(re.findall(r"""data-i18n(?:-label)?="([^"]+)\"""", text))
    prefixes = set(re.findall(r"""(?<![\w.])t\(\s*`([a-z][a-z0-9_.]*)\$\{""", text))
    english = catalogs["en"]
    for key in sorted(called):
        for language, catalog in catalogs.items():
            if key not in catalog:
                problem(f"web: key '{key}' is used but missing from web/i18n/{language}.json")
    for prefix in sorted(prefixes):
        if not any(key.startswith(prefix) for key in english):
            problem(f"web: no key starts with '{prefix}' though t(`{prefix}${{…}}`) composes one")
    for language, catalog in catalogs.items():
        for key in sorted(catalog):
            used = key in literals or key in called or any(key.startswith(p) for p in prefixes)
            if not used:
                problem(f"web: web/i18n/{language}.json has '{key}', which no page uses")
            if key not in english:
                continue
            value, reference = catalog[key], english[key]
            if isinstance(reference, dict) != isinstance(value, dict):
                problem(f"web: '{key}' is a plural in one catalog and not in {language}.json")
                continue
            if isinstance(value, dict) and "other" not in value:
                problem(f"web: the plural '{key}' in {language}.json has no 'other' form")
            wanted = set().union(*(placeholders(v) for v in forms(reference)))
            for form in forms(value):
                if not form.strip():
                    problem(f"web: '{key}' is empty in {language}.json")
                if placeholders(form) - wanted:
                    problem(f"web: '{key}' in {language}.json names placeholders English does "
                            f"not: {sorted(placeholders(form) - wanted)}")
        for key in english:
            if key not in catalog:
                problem(f"web: web/i18n/{language}.json lacks '{key}'")


# ---- gettext --------------------------------------------------------------------------------

def po_entries(path):
    """msgid → (translated, fuzzy) from a .po file, via msgattrib's own reading."""
    def ids(*flags):
        out = subprocess.run(["msgattrib", *flags, "--no-wrap", "--no-location", str(path)],
                             check=True, capture_output=True, text=True).stdout
        return set(msgids(out))
    return ids("--translated", "--no-fuzzy"), ids("--only-fuzzy"), ids("--untranslated")


def msgids(po_text):
    """The msgids (with context) of a .po text, the header left out."""
    out = []
    for block in po_text.split("\n\n"):
        context = re.search(r'^msgctxt (".*"(?:\n".*")*)', block, re.M)
        found = re.search(r'^msgid (".*"(?:\n".*")*)', block, re.M)
        if not found:
            continue
        msgid = "".join(json.loads(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', found.group(1)))
        if not msgid:
            continue
        if context:
            msgid = "".join(json.loads(p) for p in re.findall(r'"(?:[^"\\]|\\.)*"', context.group(1))) + "\x04" + msgid
        if block.lstrip().startswith("#~"):
            out.append("#~" + msgid)  # an obsolete entry
        else:
            out.append(msgid)
    return out


def po_translations(path):
    """msgid (singular and plural joined by NUL) → its translations, from a .po file."""
    out = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields = {}
        for name, value in re.findall(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*"(?:\n".*")*)',
                                      block, re.M):
            fields[name] = "".join(json.loads(p) for p in re.findall(r'"(?:[^"\\]|\\.)*"', value))
        if fields.get("msgid"):
            key = fields["msgid"] + ("\x00" + fields["msgid_plural"] if "msgid_plural" in fields else "")
            out[key] = [v for k, v in fields.items() if k.startswith("msgstr")]
    return out


def check_po(root):
    po_dir = root / "po"
    potfiles = po_dir / "POTFILES"
    if not potfiles.exists():
        problem("po/POTFILES is missing: it lists the sources whose messages are marked")
        return
    files = [line.strip() for line in potfiles.read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "printline.pot"
        # The same keywords as scripts/update-po.sh (src/core/i18n.h's functions and
        # model/job_outcome.h's outcome_note, whose text is translated when it is read).
        subprocess.run(["xgettext", "--from-code=UTF-8", "--language=C++", "--keyword=tr",
                        "--keyword=trn:1,2", "--keyword=trf", "--keyword=trnf:1,2",
                        "--keyword=outcome_note",
                        "-o", str(pot), "--directory", str(root), *files], check=True)
        marked = set(msgids(pot.read_text(encoding="utf-8")))
    for po in sorted(po_dir.glob("*.po")):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
        for msgid, translations in po_translations(po).items():
            wanted = placeholders(msgid.replace("\x00", " ")) | {"count"}
            for text in translations:
                if placeholders(text) - wanted:
                    problem(f"po: {po.name}: the translation of {msgid!r} names placeholders "
                            f"the text does not: {sorted(placeholders(text) - wanted)}")
        translated, fuzzy, untranslated = po_entries(po)
        for msgid in sorted(marked):
            if msgid in fuzzy:
                problem(f"po: {po.name}: fuzzy: {msgid!r}")
            elif msgid not in translated:
                problem(f"po: {po.name}: not translated: {msgid!r}")
        for msgid in sorted((translated | fuzzy | untranslated) - marked):
            problem(f"po: {po.name}: no source uses {msgid!r} any more (run scripts/update-po.sh)")


# ---- Qt (the tray) --------------------------------------------------------------------------

def ts_messages(path):
    """(context, source, numerus) → translation forms, and the unfinished ones, of a .ts file."""
    messages, unfinished = {}, []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"))
            translation = message.find("translation")
            forms = [n.text or "" for n in translation.iter("numerusform")] or [translation.text or ""]
            messages[key] = forms
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
                unfinished.append(key)
    return messages, unfinished


def check_ts(root):
    ts_files = sorted((root / "po" / "tray").glob("*.ts"))
    if not ts_files:
        return
    lupdate = shutil.which("lupdate") or "/usr/lib/qt6/bin/lupdate"
    if not pathlib.Path(lupdate).exists():
        problem("tray: lupdate (Debian: qt6-l10n-tools) is missing, the .ts files cannot be checked")
        return
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp) / "fresh.ts"
        subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none",
                        str(root / "src" / "tray"), str(root / "apps" / "printline-tray"),
                        "-ts", str(fresh)], check=True, capture_output=True)
        # The contexts as the program looks them up (see qualify_ts_contexts.py).
        fresh.write_text(qualify_ts_contexts.qualify(fresh.read_text(encoding="utf-8")),
                         encoding="utf-8")
        used = set(ts_messages(fresh)[0])
    for ts in ts_files:
        messages, unfinished = ts_messages(ts)
        for key in sorted(used - set(messages)):
            problem(f"tray: {ts.name} lacks {key[1]!r} ({key[0]}); run lupdate (docs/i18n.md)")
        for key in sorted(set(messages) - used):
            problem(f"tray: {ts.name} has {key[1]!r} ({key[0]}), which no source uses")
        for key in sorted(set(unfinished) & used):
            problem(f"tray: {ts.name}: not translated or unfinished: {key[1]!r}")
        for key, forms in messages.items():
            wanted = set(re.findall(r"%(?:\d+|n)", key[1]))
            for form in forms:
                if set(re.findall(r"%(?:\d+|n)", form)) - wanted:
                    problem(f"tray: {ts.name}: the translation of {key[1]!r} uses markers the text "
                            f"does not")


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    check_web(root)
    check_po(root)
    check_ts(root)
    for text in problems:
        print(text)
    if problems:
        print(f"{len(problems)} catalog problem(s); docs/i18n.md says how to fix them.")
        return 1
    print("catalogs complete: web/i18n, po/ and po/tray/ match the sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
