"""Build resources/data/authorities.json from the official CBS files, with Shutafut's importer.

    python scripts/build_authorities.py /path/to/shared/data/cbs

The profile workbook p_libud_2021.xlsx gives names, codes, status, district, population
(2021), the socio-economic cluster (index 2019) and the peripherality cluster (index 2020);
the socio-economic index table 375/2022 gives the English names. Authorities founded after
2021 come from the 257-authority code list with their name and code only: CBS has no
figures for them in these files, and none are made up.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from desktop.models.cbs_import import figure_years, parse_table, propose_mapping
from desktop.storage.cbs_files import read_rows, read_table
from desktop.storage.national_data import DATASET_PATH

PROFILE = "p_libud_2021.xlsx"
SOCIOECONOMIC = "24_22_375t1.xlsx"
CROSSWALK = "muni_id_crosswalk_257.csv"
LOCALITIES = "bycode2021.xlsx"
# The cluster codes of the localities file named as the clusters call themselves: the five
# pioneering clusters the seeds name (recognised by their members: seed 003 lists the
# Western Negev towns) and the later ones, recognised by their members (Tiberias, Beit She'an
# and the Jordan valley: Kinneret-Amakim; Nazareth, Afula and the Jezreel valley: the Galilee
# and the Valleys; the Haifa Bay towns: the Bay; Kfar Saba, Ra'anana, Tira and Taibe: the
# Sharon; Kiryat Malakhi, Gedera and Nahal Sorek: Southern Sorek). Code 710 groups the
# authorities of Judea and Samaria and may be a CBS grouping rather than a statutory cluster.
KNOWN_CLUSTERS = {
    210: "אשכול בית הכרם",
    211: "אשכול גליל מזרחי",
    212: "אשכול גליל מערבי",
    213: "אשכול הגליל והעמקים",
    214: "אשכול כנרת עמקים",
    310: "אשכול רשויות המפרץ",
    410: "אשכול השרון",
    420: "אשכול שורק דרומי",
    610: "אשכול נגב מזרחי",
    620: "אשכול נגב מערבי",
    710: 'יהודה ושומרון (קיבוץ הלמ"ס)',
}
# Changes after the 2021 coding (CBS README, "Cluster changes after 2021"), dated.
CHANGES = [
    {
        "cbs_cluster_code": 212,
        "as_of": "2024",
        "joined": [["local_council", code] for code in ("1292", "502", "473", "507", "1296", "536", "485")],
        "source": "benjamendro/rashuiot eshkol-matching/SKILL.md; davar1.co.il (2024)",
        "note": "שבע מועצות מקומיות הצטרפו לאשכול גליל מערבי, שמונה כעת 19 רשויות",
    },
]
LATER_CLUSTERS = [
    {
        "cbs_cluster_code": None,
        "name": "אשכול מישור החוף",
        "members": [],
        "as_of": "2024",
        "source": 'הוקם אחרי קידוד הלמ"ס 2021; אינו בקובץ היישובים 2021 (bycode2021)',
    },
]
LOCAL_COUNCIL_OR_CITY = (0, 99)
SOURCE = (
    'הלמ"ס, הרשויות המקומיות בישראל 2021 (p_libud_2021): אוכלוסייה 2021, '
    "מדד חברתי-כלכלי 2019, מדד פריפריאליות 2020"
)
# Founded after 2021 (both local councils); CBS codes from the 257-authority list.
NEWER_STATUS = {"1113": "local_council", "3826": "local_council"}


def parsed(path: Path) -> tuple[list, dict[str, int]]:
    table = read_table(path)
    assert table is not None, path
    mapping = propose_mapping(table)
    result = parse_table(table, mapping)
    assert not result.errors, [error.message for error in result.errors]
    return result.authorities, figure_years(table, mapping, table.title_year)


def regional_clusters(path: Path, authorities: list[dict]) -> list[dict]:
    """Each cluster code of the localities file with its member authorities (status, code)."""
    rows = read_rows(path)
    header = list(rows[0])
    cluster, code, status = (
        header.index(name) for name in ("אשכול רשויות מקומיות", "סמל יישוב", "סמל מעמד מונציפאלי")
    )
    known = {(a["municipal_status"], a["cbs_code"]) for a in authorities}
    members: dict[int, set[tuple[str, str]]] = {}
    for row in rows[1:]:
        if row[cluster] in (None, "") or row[status] in (None, ""):
            continue
        if row[status] in LOCAL_COUNCIL_OR_CITY:
            key = ("city" if row[status] == 0 else "local_council", str(int(row[code])))
            if key not in known:  # a city listed as local council or the reverse
                key = ("local_council" if key[0] == "city" else "city", key[1])
        else:
            key = ("regional_council", str(int(row[status])))
        if key in known:
            members.setdefault(int(row[cluster]), set()).add(key)
    return [
        {
            "cbs_cluster_code": number,
            "name": KNOWN_CLUSTERS.get(number, f'אשכול רשויות (סמל הלמ"ס {number})'),
            "members": sorted([list(key) for key in keys]),
            "source": 'הלמ"ס, קובץ היישובים 2021 (bycode2021), עמודת "אשכול רשויות מקומיות"',
        }
        for number, keys in sorted(members.items())
    ]


def main(folder: Path) -> None:
    profile, years = parsed(folder / PROFILE)
    english = {a.key: a.values.get("name_en") for a in parsed(folder / SOCIOECONOMIC)[0]}
    year_fields = {
        "population": "population_year",
        "socioeconomic_cluster": "socioeconomic_edition",
        "peripherality_cluster": "peripherality_edition",
    }
    authorities = []
    for authority in profile:
        values = dict(authority.values)
        values["name_en"] = english.get(authority.key) or ""
        for figure, year_field in year_fields.items():
            values[year_field] = years[figure] if values.get(figure) is not None else None
        values["data_source"] = SOURCE
        authorities.append(values)
    known = {str(int(a["cbs_code"])) for a in authorities}
    with (folder / CROSSWALK).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = str(int(row["muni_id"]))
            if code in NEWER_STATUS and code not in known:
                authorities.append(
                    {
                        "cbs_code": code,
                        "municipal_status": NEWER_STATUS[code],
                        "name_he": row["muni_name"],
                        "name_en": "",
                        "district": None,
                        "data_source": 'רשימת 257 הרשויות (il.cbs.muni); אין נתוני הלמ"ס לשנת 2021',
                    }
                )
    authorities.sort(key=lambda a: (a["municipal_status"], int(a["cbs_code"])))
    clusters = regional_clusters(folder / LOCALITIES, authorities)
    for cluster in clusters:
        cluster["as_of"] = "2021"
        cluster["changes"] = [
            {k: v for k, v in change.items() if k != "cbs_cluster_code"}
            for change in CHANGES
            if change["cbs_cluster_code"] == cluster["cbs_cluster_code"]
        ]
    clusters += [{**later, "changes": []} for later in LATER_CLUSTERS]
    document = {
        "about": "Israel's local authorities, produced by scripts/build_authorities.py from "
        "official CBS files. Every figure carries its year; data_source names the file.",
        "authorities": authorities,
        "clusters": clusters,
    }
    DATASET_PATH.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(authorities)} authorities -> {DATASET_PATH}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
