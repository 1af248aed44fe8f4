#!/usr/bin/env python3
"""Fails when a library under src/ includes a header of a layer above it (STYLE.md).

The layers are the libraries' own CMake links: src/<lib>/CMakeLists.txt names the printline_*
libraries it links. This check reads those links, requires them to form no circle, and
requires every `#include "<dir>/..."` in src/<lib> to name <lib> itself or a library <lib>
links, directly or through another. So an include that reaches upward (the model including
the server, say) fails here even when the build happens to work through transitive paths.

Usage: check_layers.py <source dir>
"""
import pathlib
import re
import sys

LINK = re.compile(r"target_link_libraries\s*\(\s*printline_(\w+)(.*?)\)", re.S)
LIB = re.compile(r"\bprintline_(\w+)\b")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([\w.+-]+)/', re.M)


def read_links(src: pathlib.Path) -> dict[str, set[str]]:
    links: dict[str, set[str]] = {}
    for cmake in sorted(src.glob("*/CMakeLists.txt")):
        library = cmake.parent.name
        links.setdefault(library, set())
        for match in LINK.finditer(cmake.read_text()):
            if match.group(1) != library:
                continue
            links[library] |= {name for name in LIB.findall(match.group(2)) if name != library}
    return links


def closure(links: dict[str, set[str]], library: str, path: tuple[str, ...]) -> set[str]:
    reached: set[str] = set()
    for below in links.get(library, ()):
        if below in path:
            raise SystemExit(f"layer circle: {' -> '.join(path + (below,))}")
        reached |= {below} | closure(links, below, path + (below,))
    return reached


def main() -> int:
    src = pathlib.Path(sys.argv[1]) / "src"
    links = read_links(src)
    libraries = set(links)
    problems = []
    for library in sorted(libraries):
        allowed = {library} | closure(links, library, (library,))
        for source in sorted((src / library).rglob("*")):
            if source.suffix not in {".h", ".cc", ".cpp"}:
                continue
            for included in INCLUDE.findall(source.read_text(errors="replace")):
                if included in libraries and included not in allowed:
                    problems.append(
                        f"{source.relative_to(src.parent)} includes {included}/…, a layer "
                        f"printline_{library} does not link (it links: "
                        f"{', '.join(sorted(allowed - {library})) or 'nothing'})")
    for problem in problems:
        print(problem)
    order = sorted(libraries, key=lambda name: (len(closure(links, name, (name,))), name))
    print("layers, lowest first:", " < ".join(order))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
