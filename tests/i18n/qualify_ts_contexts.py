#!/usr/bin/env python3
"""Qualifies the class contexts of a Qt .ts file with the tray's namespace (printline::tray).

Qt 6.4's lupdate does not read `namespace printline::tray {`, so it names a context
"ChooserDialog" where the program's tr() looks up "printline::tray::ChooserDialog". QObject::tr
texts keep their context. Usage: qualify_ts_contexts.py FILE.ts (rewritten in place)
"""

import re
import sys

NAMESPACE = "printline::tray::"


def qualify(text):
    return re.sub(r"<name>(?!QObject<|printline::)([A-Za-z_]\w*)</name>",
                  lambda m: f"<name>{NAMESPACE}{m.group(1)}</name>", text)


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(qualify(text))
