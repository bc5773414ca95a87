"""Make the static font files shipped in resources/fonts (run once; the output is committed).

Rubik comes from PyPI only as a variable font: Qt then registers it as "Light" with a
fake bold, and reportlab draws its default (Light) instance. Static Regular and Bold
instances fix both. IBM Plex Sans Arabic is already static; its Regular and Bold are
copied. Needs: pip install -e '.[fonts]'.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import fontpkg_ibm_plex_sans_arabic
import fontpkg_rubik
from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"
RUBIK = Path(fontpkg_rubik.__file__).parent
PLEX = Path(fontpkg_ibm_plex_sans_arabic.__file__).parent


def make_rubik(weight: int, style: str, out: Path = OUT) -> Path:
    # Keeping the source's timestamp makes the output the same on every run.
    font = TTFont(RUBIK / "files" / "Rubik[wght].ttf", recalcTimestamp=False)
    static = instantiateVariableFont(font, {"wght": weight}, updateFontNames=True)
    target = out / f"Rubik-{style}.ttf"
    static.save(target)
    return target


def postscript_name(path: Path) -> str:
    return str(TTFont(path)["name"].getDebugName(6))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    out: Path = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    made = [make_rubik(400, "Regular", out), make_rubik(700, "Bold", out)]
    for style in ("Regular", "Bold"):
        source = PLEX / "files" / f"IBMPlexSansArabic-{style}.ttf"
        made.append(Path(shutil.copy(source, out / source.name)))
    shutil.copy(RUBIK / "LICENSE", out / "OFL-Rubik.txt")
    shutil.copy(PLEX / "LICENSE", out / "OFL-IBMPlexSansArabic.txt")
    names = [postscript_name(path) for path in made]
    assert len(set(names)) == len(names), f"PostScript names must differ: {names}"
    for path, name in zip(made, names, strict=True):
        print(f"{path.name}: {name}")


if __name__ == "__main__":
    main()
