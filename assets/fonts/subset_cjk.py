#!/usr/bin/env python3
"""Builds assets/fonts/NotoSansSC-hashwatt.otf: Noto Sans CJK SC cut down to the characters
hashwatt shows, so the Chinese interface and exported charts need no system font and the binary
stays small.

Repeatable: the same sources and the same input font give the same file.

    apt-get install fonts-noto-cjk      # the input font (SIL Open Font License 1.1)
    pip install fonttools               # pyftsubset's library
    python3 assets/fonts/subset_cjk.py  # from the repository root

Run it again whenever a translation or a preset's `name_zh` adds a character; the test
`fonts::tests::every_chinese_character_has_a_glyph` fails until you do.
"""

import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = "Noto Sans CJK SC"
OUTPUT = ROOT / "assets/fonts/NotoSansSC-hashwatt.otf"
CHARS = ROOT / "assets/fonts/NotoSansSC-hashwatt.chars.txt"


def characters():
    """Every character in the app's sources and presets, plus printable ASCII (exported charts
    draw whole Chinese labels, digits and units included, in this one font)."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    files = (
        sorted(ROOT.glob("src/**/*.rs"))
        + sorted(ROOT.glob("crates/*/src/**/*.rs"))
        + sorted(ROOT.glob("presets/**/*.ron"))
        # The country table's and the map's country names in Chinese.
        + [ROOT / "presets/countries/countries.csv", ROOT / "assets/map/countries-110m.txt"]
    )
    for path in files:
        chars.update(c for c in path.read_text(encoding="utf-8") if ord(c) >= 0xA0)
    return "".join(sorted(chars))


def face_number(path):
    for number, font in enumerate(TTCollection(str(path)).fonts):
        if font["name"].getDebugName(4) == FACE:
            return number
    sys.exit(f"{path} has no face named {FACE!r}")


def main():
    source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    text = characters()
    CHARS.write_text(text + "\n", encoding="utf-8")
    options = subset.Options()
    options.font_number = face_number(source)
    options.layout_features = ["kern", "liga", "locl", "vert", "halt", "palt"]
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    # No timestamps, so the output depends only on the inputs.
    font["head"].modified = font["head"].created
    subset.save_font(font, str(OUTPUT), options)
    kept = sum(1 for c in text if ord(c) in font.getBestCmap())
    print(f"{OUTPUT.relative_to(ROOT)}: {kept} of {len(text)} characters, "
          f"{OUTPUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
