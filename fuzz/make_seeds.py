"""Writes the seed corpora of the fuzz targets into OUT/<target>/ (scripts/fuzz calls it).

data:    [kind][setting][hours] + the `data` member of every tests/fixtures/<kind>/*.json, under
         the fixture's own profile, locale and moment.
session: short edit sequences on each kind, from a fixed pseudo-random stream.
profile: [kind][mode] + a profile id, profile objects (extends, overrides), whole options objects.
paste:   [kind][group] + tab-separated blocks: headers, quoted cells with line breaks, CRLF, BOM.
Usage: python3 fuzz/make_seeds.py OUT [KIND]  (KIND limits the seeds to one form kind)
"""
import glob
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ["daily-report", "inspection-checklist", "security-checkup", "risk-register", "campaign-statistics"]
PROFILES = ["zhejiang-wenzhou-2021", "zhejiang-suichang-2016", "tianjin-jizhou-2021", "jiangsu-2019"]

out, only = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
kinds = [k for k in KINDS if only in (None, k)]


def write(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


for path in sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/*/*.json"))):
    fx = json.load(open(path, encoding="utf-8"))
    if fx["kind"] not in kinds:
        continue
    opts = fx.get("options", {})
    setting = PROFILES.index(opts["profile"]) if opts.get("profile") in PROFILES else 4
    if opts.get("locale") == "en":
        setting |= 0x20
    head = bytes([KINDS.index(fx["kind"]), setting, 0])
    body = json.dumps(fx["data"], ensure_ascii=False).encode()
    write("data", f"{fx['kind']}-{os.path.basename(path)}", head + body)

rng = random.Random(2024)
for k in kinds:
    i = KINDS.index(k)
    for n in range(4):
        ops = bytes(rng.randrange(256) for _ in range(12 + 12 * n))
        write("session", f"{k}-{n}", bytes([i, 3 if k in ("risk-register", "security-checkup", "campaign-statistics") else 0]) + ops)

profile_texts = [
    '"jiangsu-2019"',
    '"zhejiang-wenzhou-2021"',
    '{"id": "wenzhou-2026", "extends": "zhejiang-wenzhou-2021", "daily_report": {"key_period": {"start": "2026-06-21", "end": "2026-07-05"}}}',
    '{"id": "jiangsu-2026", "extends": "jiangsu-2019", "title": {"zh-CN": "江苏", "en": "Jiangsu"}, "risk_register": {"police_station_required": true}}',
    '{"id": "jizhou-x", "extends": "tianjin-jizhou-2021", "security_checkup": {"max_guard_age": 55, "min_guards": 2}}',
    '{"id": "c", "extends": "jiangsu-2019", "campaign_statistics": {"monthly_deadline_day": 25}}',
]
options_texts = [
    '{"profile": "jiangsu-2019", "locale": "en", "now": "2019-09-25T10:00:00+08:00"}',
    '{"profile": {"id": "p", "extends": "zhejiang-wenzhou-2021"}, "now": 1624347600000, "previous": {"unit": "x"}}',
]
for k in kinds:
    i = KINDS.index(k)
    for n, t in enumerate(profile_texts):
        write("profile", f"{k}-profile-{n}", bytes([i, 0]) + t.encode())
    for n, t in enumerate(options_texts):
        write("profile", f"{k}-options-{n}", bytes([i, 1]) + t.encode())

paste_texts = [
    "派出所\t隐患描述\t地点\t类别\t发现时间\t整改措施\t责任人\t整改时限\t督办人\t整改情况\t完成时间\t临时强化防范措施\r\n"
    "城东派出所\t围墙开裂\t北门\tfire\t2019-09-02\t加固\t张三\t2019-09-30\t李四\t正在整改中\t\t专人值守\r\n",
    "\ufeff责任人\t隐患描述\n张三\t\"围墙\n开裂\"\n\n李四\t\"\"\"危房\"\"需加固\"\n",
    "\"危房\"需加固\t\"未闭合\n\t\t\r\r\n　\t\n",
    "张三\t是\t50\t32010519680926001X\n李四\t否\t51\t110105491231002\n",
    "1\t0\n2\t1\r3\t3\r\n",
]
for k in kinds:
    i = KINDS.index(k)
    for n, t in enumerate(paste_texts):
        write("paste", f"{k}-{n}", bytes([i, 0]) + t.encode())

# definition: a form definition's JSON, 0xFF, then data for it (the shipped definitions and the
# spreadsheet variant, with a complete and a broken report; and definitions with one mistake each).
definitions = [os.path.join(ROOT, "forms/daily-report-wenzhou.json"), os.path.join(ROOT, "www/forms/daily-report-wenzhou-funds.json")]
reports = ['{"unit": "x", "report_date": "2021-06-22", "rows.fire.found": "5", "rows.fire.fixed": "2"}', '{"rows.fire.fixed": "9", "rows.fire.funds": "两万"}']
for n, path in enumerate(definitions):
    text = open(path, encoding="utf-8").read().encode()
    for m, r in enumerate(reports):
        write("definition", f"shipped-{n}-{m}", text + b"\xff" + r.encode())
small = [
    '{"id": "x", "title": {"zh": "表"}, "fields": [{"id": "a", "label": {"zh": "甲"}, "type": "count", "constraint": "${a} <= sum(${g.x}) + $param.n", "code": "number_too_large"}, {"id": "g", "label": {"zh": "组"}, "columns": [{"id": "x", "label": {"zh": "数"}, "type": "decimal", "required": "${x} > 1"}]}], "params": {"n": 3}}',
    '{"id": "x", "title": {"zh": "表"}, "fields": [{"id": "d", "label": {"zh": "日"}, "type": "date", "checks": ["not_in_future"], "constraint": "days(${d}, today()) < 30 and not blank(${d})", "code": "date_in_future"}]}',
    '{"id": "x", "title": {"zh": "表"}, "fields": [{"id": "a", "label": {"zh": "甲"}, "type": "count", "calculate": "((((1))))"}]}',
]
for n, t in enumerate(small):
    write("definition", f"small-{n}", t.encode() + b"\xff" + b'{"a": "2", "d": "2021-06-01", "g": [{"x": "2"}]}')
