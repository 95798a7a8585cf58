#!/usr/bin/env bash
# The district scale run of BENCHMARKS.md ("District: files, roll-ups, the page"): 10,000 daily
# reports and 1,000 registers of 1,000 rows as .xlsx (bench/district-fixtures.mjs, kept in
# target/bench-district/ between runs), rolled up by `ssf roll-up` with its peak memory
# (/usr/bin/time -v), beside pandas + openpyxl only reading the same files and summing
# (bench/pandas_sum.py); then 1,000 daily reports on the district page (bench/district-page.mjs).
# Run by `BENCH_DISTRICT=1 bash scripts/bench` (tens of minutes: pandas alone takes most of it), or
# alone after `bash scripts/build`: `bash bench/district.sh`. DISTRICT_SCALE=0.1 runs a tenth.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${DISTRICT_SCALE:-1}"
n() { awk -v s="$scale" -v n="$1" 'BEGIN { printf "%d", n * s }'; }
cargo build --release --locked --features cli --bin ssf
python3 -c "import pandas, openpyxl" 2>/dev/null || pip install --quiet pandas openpyxl
out=target/bench-district
daily="$out/daily-$(n 10000)" registers="$out/registers-$(n 1000)" page="$out/page-$(n 1000)"
[ -d "$daily/xlsx" ] || node bench/district-fixtures.mjs --kind daily-report --schools "$(n 10000)" --out "$daily"
[ -d "$registers/xlsx" ] || node bench/district-fixtures.mjs --kind risk-register --schools "$(n 1000)" --rows 1000 --out "$registers"
[ -d "$page/xlsx" ] || node bench/district-fixtures.mjs --kind daily-report --schools "$(n 1000)" --errors 50 --out "$page"
# Seconds and peak resident memory of a command, from GNU time's report.
timed() {
  /usr/bin/time -v "$@" >/dev/null 2>"$out/time.txt" || true
  awk -F': ' '/Elapsed \(wall clock\)/ { t = $2 } /Maximum resident set size/ { m = $2 }
    END { n = split(t, p, ":"); s = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]; printf "%.1f s, peak %.0f MB", s, m / 1024 }' "$out/time.txt"
}
echo "| run | ssf roll-up | pandas + openpyxl (read and sum only) |"
echo "|---|---|---|"
a=$(timed target/release/ssf roll-up --kind daily-report --profile zhejiang-wenzhou-2021 --now 2021-06-22T15:40:00+08:00 --unit 某区教育局 --out "$out/daily.xlsx" "$daily/xlsx")
b=$(timed python3 bench/pandas_sum.py daily-report "$daily/xlsx")
echo "| $(n 10000) daily reports (.xlsx) | $a | $b |"
a=$(timed target/release/ssf roll-up --kind risk-register --profile jiangsu-2019 --now 2019-09-25T10:00:00+08:00 --unit 某区教育局 --out "$out/statistics.xlsx" "$registers/xlsx")
b=$(timed python3 bench/pandas_sum.py risk-register "$registers/xlsx")
echo "| $(n 1000) registers × 1,000 rows (.xlsx) | $a | $b |"
echo
node bench/district-page.mjs "$page/xlsx"
