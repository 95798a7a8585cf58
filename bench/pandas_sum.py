"""The baseline of BENCHMARKS.md's district scale run: pandas + openpyxl only reading the same
.xlsx files ssf rolls up and summing their count columns, with no checks at all.

    python3 bench/pandas_sum.py daily-report DIR       # 发现/已整治/未整治 of every daily report
    python3 bench/pandas_sum.py risk-register DIR      # rows per 隐患类别 and 隐患整改情况 of every register
"""
import os
import sys

import pandas as pd

kind, folder = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".xlsx"))
if kind == "daily-report":
    # The template's table: headings on row 3, the eight categories under it (forms/templates).
    totals = None
    for f in files:
        table = pd.read_excel(f, engine="openpyxl", header=2, nrows=8, usecols="A:D", index_col=0)
        counts = table.apply(pd.to_numeric, errors="coerce").fillna(0)
        totals = counts if totals is None else totals.add(counts, fill_value=0)
    print(totals.sum().to_dict())
else:
    # The register: headings on row 3, one hazard a row, the footnote after the last.
    by_category = {}
    for f in files:
        rows = pd.read_excel(f, engine="openpyxl", header=2, usecols="A:L", dtype=str)
        rows = rows[rows["隐患描述"].notna()]
        for (category, status), n in rows.groupby(["隐患类别", "隐患整改情况"]).size().items():
            by_category[(category, status)] = by_category.get((category, status), 0) + n
    print(len(files), "registers,", sum(by_category.values()), "rows")
