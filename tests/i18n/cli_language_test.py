#!/usr/bin/env python3
"""`printline` speaks the workstation's language (D14): its help under LANG=fr_FR.UTF-8 comes
from po/fr.po (the compiled catalog of this build, PRINTLINE_LOCALEDIR), under C.UTF-8 it is
English, and no help text carries an internal rule id (FP-7b, D4…) in either language.

Usage: cli_language_test.py PRINTLINE_BINARY
"""

import os
import re
import subprocess
import sys

binary = sys.argv[1]
failures = []
checked = 0

# Every command whose help a user may ask for.
COMMANDS = [[], ["print"], ["jobs"], ["status"], ["choose"], ["cancel"], ["retry"], ["events"],
            ["printers"], ["fallback"], ["fallback", "test"], ["login"], ["logout"], ["send"],
            ["analyze"], ["admin"], ["admin", "users"], ["admin", "printers"],
            ["admin", "groups"], ["admin", "queues"], ["admin", "prices"], ["admin", "jobs"],
            ["admin", "reports"], ["admin", "audit"], ["admin", "fallback-test"], ["admin", "profiles"],
            ["admin", "profiles", "create"]]
RULE_ID = re.compile(r"\b(?:FP-\d+[a-z]?|D\d{1,2})\b")


def run(args, language):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env["LANG"] = language
    done = subprocess.run([binary, *args, "--help"], env=env, capture_output=True, text=True,
                          timeout=20)
    if done.returncode != 0:
        failures.append(f"{' '.join(args) or 'printline'} --help under {language} exited "
                        f"{done.returncode}: {done.stderr.strip()}")
    return done.stdout


def expect(condition, text):
    global checked
    checked += 1
    if not condition:
        failures.append(text)


for args in COMMANDS:
    name = " ".join(["printline", *args])
    for language in ("C.UTF-8", "fr_FR.UTF-8"):
        text = run(args, language)
        ids = sorted(set(RULE_ID.findall(text)))
        expect(not ids, f"{name} --help under {language} shows rule ids {ids}:\n{text}")

french = run([], "fr_FR.UTF-8")
english = run([], "C.UTF-8")
expect("Utilisation" in french and "Afficher cette aide et quitter" in french,
       f"printline --help is not French under fr_FR.UTF-8:\n{french}")
expect("envoyer des documents aux imprimantes" in french, f"the description is not French:\n{french}")
expect("Sous-commandes" in french, f"the subcommand heading is not French:\n{french}")
expect("Usage" in english and "Print this help message and exit" in english,
       f"printline --help is not English under C.UTF-8:\n{english}")

choose = run(["choose"], "fr_FR.UTF-8")
expect("Imprimer un travail en attente sur cette imprimante de secours" in choose,
       f"printline choose --help is not French:\n{choose}")
cancel = run(["cancel"], "fr_FR.UTF-8")
expect("Annuler un travail du Desktop Client" in cancel and "Ne pas demander de confirmation" in cancel,
       f"printline cancel --help is not French:\n{cancel}")
users = run(["admin", "users"], "fr_FR.UTF-8")
expect("Comptes utilisateurs, rôles, mots de passe, crédit, quota" in users,
       f"printline admin users --help is not French:\n{users}")

# LANGUAGE, as a desktop session sets it, wins over LANG.
env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="fr")
env.pop("LC_ALL", None)
env.pop("LC_MESSAGES", None)
by_language = subprocess.run([binary, "--help"], env=env, capture_output=True, text=True,
                             timeout=20).stdout
expect("Utilisation" in by_language, f"LANGUAGE=fr is not followed:\n{by_language}")

# What goes wrong is said in French too: CLI11's parse errors, a print option, a server that
# cannot be reached.
def run_failing(args, language, extra_env=None):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env["LANG"] = language
    env.update(extra_env or {})
    done = subprocess.run([binary, *args], env=env, capture_output=True, text=True, timeout=20,
                          stdin=subprocess.DEVNULL)
    expect(done.returncode != 0, f"printline {' '.join(args)} succeeded under {language}")
    return done.stderr


copies = run_failing(["print", "--copies", "0", "/etc/hostname"], "fr_FR.UTF-8")
expect("--copies : 0 n'est pas compris entre 1 et 999." in copies
       and "Lancez avec --help pour en savoir plus." in copies,
       f"a CLI11 range error is not French:\n{copies}")
extra = run_failing(["--no-such-option", "status"], "fr_FR.UTF-8")
expect("Non compris : --no-such-option." in extra, f"an unknown option is not French:\n{extra}")
english = run_failing(["print", "--copies", "0", "/etc/hostname"], "C.UTF-8")
expect("--copies: 0 is not between 1 and 999." in english,
       f"a CLI11 range error is not English under C.UTF-8:\n{english}")
sides = run_failing(["print", "-o", "sides=both", "/etc/hostname"], "fr_FR.UTF-8")
expect("L'option d'impression sides=both n'est pas valide" in sides,
       f"a print option's refusal is not French:\n{sides}")
unreachable = run_failing(["login", "--server", "http://127.0.0.1:1"], "fr_FR.UTF-8",
                          {"PRINTLINE_PASSWORD": "x", "HOME": "/nonexistent"})
expect("Le serveur Printline est injoignable à http://127.0.0.1:1 : connexion refusée"
       in unreachable, f"an unreachable server is not said in French:\n{unreachable}")

for text in failures:
    print(text)
print(f"{checked - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
