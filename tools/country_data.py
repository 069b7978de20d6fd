#!/usr/bin/env python3
"""Builds hashwatt's country table and country shapes from public data files.

    tools/country_data.py SHARES.csv INTENSITY.csv DEMAND.csv NE_110M.geojson

SHARES, INTENSITY and DEMAND are Our World in Data's grapher downloads
`share-elec-by-source.csv`, `carbon-intensity-electricity.csv` and `electricity-demand.csv`
(Ember's yearly electricity data, CC BY 4.0). NE_110M is Natural Earth's
`ne_110m_admin_0_countries.geojson` (public domain). Writes
`presets/countries/countries.csv` and `assets/map/countries-110m.txt`.
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# OWID's column → hashwatt's energy source.
SHARE_COLUMNS = [
    ("coal", "Coal (% electricity)"),
    ("gas", "Gas (% electricity)"),
    ("oil", "Oil (% electricity)"),
    ("nuclear", "Nuclear (% electricity)"),
    ("hydro", "Hydro (% electricity)"),
    ("wind", "Wind (% electricity)"),
    ("solar", "Solar (% electricity)"),
    ("geothermal", "Other renewables excluding bioenergy (% electricity)"),
    ("biomass", "Bioenergy (% electricity)"),
]
# Chinese names of the countries and territories too small for the 1:110m shapes (whose names
# come from Natural Earth's NAME_ZH), in the form the Chinese UN and government lists use.
ZH_NAMES = {
    "ABW": "阿鲁巴", "ASM": "美属萨摩亚", "ATG": "安提瓜和巴布达", "BHR": "巴林", "BRB": "巴巴多斯",
    "COK": "库克群岛", "COM": "科摩罗", "CPV": "佛得角", "CYM": "开曼群岛", "DMA": "多米尼克",
    "FRO": "法罗群岛", "GLP": "瓜德罗普", "GRD": "格林纳达", "GUF": "法属圭亚那", "GUM": "关岛",
    "HKG": "香港", "KIR": "基里巴斯", "KNA": "圣基茨和尼维斯", "LCA": "圣卢西亚", "MAC": "澳门",
    "MDV": "马尔代夫", "MLT": "马耳他", "MSR": "蒙特塞拉特", "MTQ": "马提尼克", "MUS": "毛里求斯",
    "NRU": "瑙鲁", "PYF": "法属波利尼西亚", "REU": "留尼汪", "SGP": "新加坡",
    "SPM": "圣皮埃尔和密克隆", "STP": "圣多美和普林西比", "SYC": "塞舌尔",
    "TCA": "特克斯和凯科斯群岛", "TON": "汤加", "VCT": "圣文森特和格林纳丁斯",
    "VGB": "英属维尔京群岛", "VIR": "美属维尔京群岛", "WSM": "萨摩亚",
}
# Codes without an ISO 3166 alpha-3: Kosovo takes XKX, the code the EU and IMF use.
CODE_FIXES = {"OWID_KOS": "XKX", "KOS": "XKX"}


def code_of(code):
    return CODE_FIXES.get(code, code)


def is_country(code):
    return len(code) == 3 and code.isalpha() and code.isupper()


def newest_by_code(path, value_column):
    newest = {}
    names = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            code = code_of(row["Code"])
            value = row[value_column]
            if not is_country(code) or value == "":
                continue
            year = int(row["Year"])
            if code not in newest or year > newest[code][0]:
                newest[code] = (year, float(value))
                names[code] = row["Entity"]
    return newest, names


def newest_mix(path):
    newest = {}
    names = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            code = code_of(row["Code"])
            if not is_country(code):
                continue
            values = [row[column] for _, column in SHARE_COLUMNS]
            # A blank share counts as none only when the others already make the whole.
            shares = [float(v) if v != "" else 0.0 for v in values]
            if abs(sum(shares) - 100.0) > 0.5:
                continue
            year = int(row["Year"])
            if code not in newest or year > newest[code][0]:
                newest[code] = (year, shares)
                names[code] = row["Entity"]
    return newest, names


def rounded_to_100(shares):
    """Two decimals summing to exactly 100: published shares carry rounding."""
    total = sum(shares)
    scaled = [round(s * 100.0 / total, 2) for s in shares]
    gap = round(100.0 - sum(scaled), 2)
    biggest = max(range(len(scaled)), key=lambda i: scaled[i])
    scaled[biggest] = round(scaled[biggest] + gap, 2)
    return scaled, total


def shape_names(ne_path):
    names = {}
    for feature in json.load(open(ne_path))["features"]:
        p = feature["properties"]
        code = code_of(p["ISO_A3"] if p["ISO_A3"] != "-99" else p["ADM0_A3"])
        names[code] = p["NAME_ZH"]
    return names


def write_countries(shares_path, intensity_path, demand_path, ne_path):
    mixes, names = newest_mix(shares_path)
    intensities, inames = newest_by_code(intensity_path, intensity_path_column(intensity_path))
    demands, _ = newest_by_code(demand_path, "Electricity demand (TWh)")
    # A demand of 0 TWh (a few small territories) means no figure, not none used.
    demands = {code: d for code, d in demands.items() if d[1] > 0}
    out = ROOT / "presets/countries/countries.csv"
    skipped = sorted(set(mixes) ^ set(intensities))
    worst = 0.0
    lines = []
    zh = shape_names(ne_path)
    zh.update(ZH_NAMES)
    for code in sorted(set(mixes) & set(intensities)):
        mix_year, raw = mixes[code]
        shares, total = rounded_to_100(raw)
        worst = max(worst, abs(total - 100.0))
        i_year, intensity = intensities[code]
        d = demands.get(code)
        lines.append(
            [code, names[code], zh.get(code, ""), str(mix_year)]
            + [f"{s:.2f}" for s in shares]
            + [f"{intensity:.1f}", str(i_year)]
            + ([f"{d[1]:g}", str(d[0])] if d else ["", ""])
        )
    header = [
        "# hashwatt country table: one row per country in Ember's yearly electricity data.",
        "# Source: Ember, Yearly Electricity Data (CC BY 4.0, ember-energy.org), via Our World in Data's",
        "# grapher series share-elec-by-source, carbon-intensity-electricity and electricity-demand",
        "# (copies of October 2023, December 2025 and May 2023). Each row gives each series' newest year.",
        "# Grade: Secondary (Ember's figures as Our World in Data republishes them).",
        "# mix: percent of generation; other renewables (geothermal, tide, wave) are counted as geothermal,",
        "# other fossil fuels as oil. Shares are rescaled to sum to exactly 100 (the published rounding",
        f"# strayed by at most {worst:.2f} points; a blank share, where the rest make 100, is 0).",
        "# intensity: Ember's life-cycle, production-based g CO2e/kWh. demand: TWh (generation plus net imports).",
        "# Kosovo has no ISO 3166 code: XKX, as the EU and IMF use. name_zh: Natural Earth's NAME_ZH, else",
        "# the Chinese name the UN and Chinese government lists use (territories too small for 1:110m).",
        f"# Left out (no mix or no intensity): {' '.join(skipped) if skipped else 'none'}.",
        "# Built by tools/country_data.py.",
    ]
    columns = ["iso3", "name", "name_zh", "mix_year"] + [k for k, _ in SHARE_COLUMNS] + [
        "intensity_g_per_kwh",
        "intensity_year",
        "demand_twh",
        "demand_year",
    ]
    with open(out, "w", newline="") as f:
        f.write("\n".join(header) + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        w.writerows(lines)
    print(f"{out}: {len(lines)} countries, skipped {skipped}")


def intensity_path_column(path):
    with open(path, newline="") as f:
        return next(csv.reader(f))[3]


def ring_text(ring):
    points = []
    for lon, lat in ring:
        p = (round(lon, 2), round(lat, 2))
        if not points or points[-1] != p:
            points.append(p)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return " ".join(f"{lon:g},{lat:g}" for lon, lat in points)


def write_shapes(ne_path):
    data = json.load(open(ne_path))
    out = ROOT / "assets/map/countries-110m.txt"
    rows = []
    for feature in data["features"]:
        p = feature["properties"]
        code = p["ISO_A3"] if p["ISO_A3"] != "-99" else p["ADM0_A3"]
        code = code_of(code)
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        text = "|".join(";".join(ring_text(r) for r in poly) for poly in polygons)
        label = f"{p['LABEL_X']:.2f},{p['LABEL_Y']:.2f}"
        rows.append((code, p["NAME"], p["NAME_ZH"], label, text))
    rows.sort()
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "country codes must be unique"
    header = [
        "# hashwatt country shapes: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries, version 5",
        "# (public domain, naturalearthdata.com). Natural Earth's default point of view: boundaries as",
        "# they are held on the ground (de facto), not any one country's claims.",
        "# Coordinates rounded to 0.01 degree. One country per line:",
        "# code<TAB>name<TAB>Chinese name<TAB>label lon,lat<TAB>polygons split by |, rings by ;, points lon,lat",
        "# Codes are ISO 3166-1 alpha-3, else Natural Earth's ADM0_A3 (Kosovo: XKX). Built by tools/country_data.py.",
    ]
    with open(out, "w") as f:
        f.write("\n".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{out}: {len(rows)} countries, {out.stat().st_size} bytes")


if __name__ == "__main__":
    shares, intensity, demand, ne = sys.argv[1:5]
    write_countries(shares, intensity, demand, ne)
    write_shapes(ne)
