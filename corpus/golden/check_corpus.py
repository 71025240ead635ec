#!/usr/bin/env python3
"""Checks the sample batch in corpus/ against corpus/golden/*.tsv.

Run: python3 corpus/golden/check_corpus.py [--seeds DIR]

It re-parses every input file with a small independent reader (written only
for this batch, not a reference implementation of factmine) and checks:
  - each file decodes in its golden encoding (BOMs where expected, the
    GB18030 file is not UTF-8 and holds characters outside GBK), the CRLF
    digest has only CRLF line ends and the other files only LF;
  - every article's title, source, time, topic, language, section count and
    bullet count equal the row in golden/articles.tsv, and no article is
    missing or extra;
  - every golden/citations.tsv row names exactly one bullet, whose citation
    markers expand to the listed indices;
  - jsonl/articles.jsonl parses, has the required keys, and its titles and
    texts equal the articles/*.txt files;
  - the number forms of SPEC section 3 and the planted conflict values occur
    in the files README.md names;
  - no 80-character run of the seed digests is copied (with --seeds);
  - the batch stays under 200 KB.
Exit status 0 when everything holds, 1 otherwise.
"""
import argparse
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # corpus/
INPUT_DIRS = ("batch/digests", "batch/articles", "batch/jsonl", "batch/encodings")

errors = []


def fail(msg):
    errors.append(msg)


def read_tsv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def decode(rel, encoding):
    data = open(os.path.join(ROOT, rel), "rb").read()
    if encoding == "UTF-16LE":
        if not data.startswith(b"\xff\xfe"):
            fail(f"{rel}: no UTF-16LE BOM")
        text = data[2:].decode("utf-16-le")
    elif encoding == "GB18030":
        try:
            data.decode("utf-8")
            fail(f"{rel}: GB18030 file is also valid UTF-8")
        except UnicodeDecodeError:
            pass
        text = data.decode("gb18030")
        outside = [c for c in text if not _in_gbk(c)]
        if not outside:
            fail(f"{rel}: no character outside GBK")
    else:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
    if "\r\n" in text:
        if re.search(r"(?<!\r)\n", text):
            fail(f"{rel}: mixed line ends")
        text = text.replace("\r\n", "\n")
    return data, text


def _in_gbk(c):
    try:
        c.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


def lang_of(text):
    han = len(re.findall(r"[\u3400-\u9fff\U00020000-\U0003ffff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if han > latin / 3 else "en"


# ------------------------------------------------------------- digests

SOURCE_RE = re.compile(r"^(\S.*?)·\s?(\d{4}-\d{2}-\d{2} \d{2}:\d{2})$")
HEADING_RE = re.compile(
    r"(?:^|(?<=\s))(Core Viewpoint|Core Insights|Market Overview|"
    r"Financial Performance|Company Overview|Institutional Insights|"
    r"Group \d+(?::[^\[\]]*?)?) - ")
CITE_RE = re.compile(r"\[(\d+(?:\s*[,\-]\s*\d+)*)\]|【(\d+)】")


def parse_digest(text):
    lines = text.split("\n")
    i, topic = 0, ""
    if lines and lines[0] == "Workflow":
        i = 1
        if len(lines) > i + 2 and lines[i + 1] == "icon" and lines[i + 2] == "Search documents":
            topic, i = lines[i], i + 3
    lines = lines[i:]
    src = [k for k, l in enumerate(lines) if SOURCE_RE.match(l)]
    arts = []
    if not src:  # headline, blank line, summary
        body_start = next(k for k, l in enumerate(lines) if l.strip())
        arts.append((lines[body_start], "", "", lines[body_start + 1:]))
        return topic, arts
    for n, s in enumerate(src):
        head = s - 1
        end = src[n + 1] - 1 if n + 1 < len(src) else len(lines)
        body = lines[s + 1:end]
        if not any(l.strip() for l in body) and n == 0:
            body = lines[:head]  # summary before its headline
        m = SOURCE_RE.match(lines[s])
        arts.append((lines[head], m.group(1), m.group(2), body))
    return topic, arts


def digest_structure(body_lines):
    """Returns list of bullets (strings) and the number of sections."""
    body = [l for l in body_lines if l.strip()]
    if len(body) == 1 and HEADING_RE.match(body[0]):
        text = body[0]
        heads = list(HEADING_RE.finditer(text))
        if not heads or heads[0].start() != 0:
            fail(f"summary does not start with a heading: {text[:40]}")
        bullets = []
        for h, nxt in zip(heads, heads[1:] + [None]):
            part = text[h.end(): nxt.start() if nxt else len(text)].strip()
            bullets.extend(b.strip() for b in part.split(" - "))
        return bullets, len(heads)
    return body, 1  # prose or table: one section, one bullet per line


def citations_of(bullet):
    out = []
    for m in CITE_RE.finditer(bullet):
        if m.group(2):
            out.append(int(m.group(2)))
            continue
        for part in re.split(r"\s*,\s*", m.group(1)):
            if "-" in part:
                a, b = (int(x) for x in part.split("-"))
                out.extend(range(a, b + 1))
            else:
                out.append(int(part))
    return out


# ------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", help="seed digest directory for the copy check")
    args = ap.parse_args()

    golden = read_tsv("articles.tsv")
    by_file = {}
    for row in golden:
        by_file.setdefault(row["file"], []).append(row)

    on_disk = sorted(
        os.path.relpath(os.path.join(d, f), ROOT)
        for top in INPUT_DIRS
        for d, _, fs in os.walk(os.path.join(ROOT, top)) for f in fs)
    if sorted(by_file) != on_disk:
        fail(f"golden files {sorted(by_file)} != files on disk {on_disk}")

    parsed = {}   # (file, position) -> dict with bullets
    texts = {}    # file -> decoded text
    total = 0
    for rel, rows in sorted(by_file.items()):
        data, text = decode(rel, rows[0]["encoding"])
        total += len(data)
        texts[rel] = text
        crlf = b"\r\n" in data
        if crlf != ("crlf" in rel):
            fail(f"{rel}: CRLF={crlf} does not match its name")
        fmt = rows[0]["format"]
        got = []
        if fmt == "digest":
            topic, arts = parse_digest(text)
            for title, source, when, body in arts:
                bullets, nsec = digest_structure(body)
                got.append(dict(title=title, source=source, published_at=when,
                                topic=topic, lang=lang_of("\n".join(body)),
                                sections=str(nsec), bullets=bullets))
        elif fmt == "text":
            lines = text.split("\n")
            t = next(k for k, l in enumerate(lines) if l.strip())
            body = "\n".join(lines[t + 1:]).strip("\n")
            paras = [l for l in body.split("\n") if l.strip()]
            got.append(dict(title=lines[t], source="", published_at="", topic="",
                            lang=lang_of(body), sections="1", bullets=paras,
                            body=body))
        elif fmt == "jsonl":
            for n, line in enumerate(text.split("\n")):
                if not line:
                    continue
                obj = json.loads(line)
                for key in ("id", "title", "source", "published_at", "lang", "text"):
                    if key not in obj:
                        fail(f"{rel}:{n + 1}: missing {key}")
                if lang_of(obj["text"]) != obj["lang"]:
                    fail(f"{rel}:{n + 1}: declared lang {obj['lang']}")
                paras = [l for l in obj["text"].split("\n") if l.strip()]
                got.append(dict(title=obj["title"], source=obj["source"],
                                published_at=obj["published_at"], topic="",
                                lang=obj["lang"], sections="1", bullets=paras,
                                body=obj["text"], extra=sorted(set(obj) - {
                                    "id", "title", "source", "published_at",
                                    "lang", "text"})))
        if len(got) != len(rows):
            fail(f"{rel}: parsed {len(got)} articles, golden has {len(rows)}")
        for row, art in zip(rows, got):
            if int(row["position"]) != got.index(art) + 1:
                fail(f"{rel}: golden positions out of order")
            for key in ("title", "source", "published_at", "topic", "lang", "sections"):
                if row[key] != art[key]:
                    fail(f"{rel}#{row['position']} {key}: golden {row[key]!r} parsed {art[key]!r}")
            if row["bullets"] != str(len(art["bullets"])):
                fail(f"{rel}#{row['position']} bullets: golden {row['bullets']} parsed {len(art['bullets'])}")
            parsed[(rel, row["position"])] = art

    # jsonl == text files
    jsonl = [parsed[k] for k in sorted(parsed) if k[0].startswith("batch/jsonl/")]
    txt = {a["title"]: a for k, a in parsed.items() if k[0].startswith("batch/articles/")}
    if len(jsonl) != len(txt):
        fail(f"{len(jsonl)} jsonl articles vs {len(txt)} text articles")
    for a in jsonl:
        t = txt.get(a["title"])
        if t is None:
            fail(f"jsonl title without text file: {a['title']}")
        elif t["body"] != a["body"]:
            fail(f"jsonl text differs from the text file: {a['title']}")
    if not any(a["extra"] for a in jsonl) or all(a["extra"] for a in jsonl):
        fail("an extra jsonl field should occur on some lines, not all")
    langs = [a["lang"] for a in jsonl]
    if langs.count("zh") < 3 or langs.count("en") < 3:
        fail(f"need 3 zh and 3 en articles, have {langs}")

    # citations
    crows = read_tsv("citations.tsv")
    if len(crows) < 15:
        fail("fewer than 15 citation rows")
    for row in crows:
        art = parsed.get((row["file"], row["position"]))
        if art is None:
            fail(f"citations.tsv: no article {row['file']}#{row['position']}")
            continue
        hits = [b for b in art["bullets"] if row["bullet_contains"] in b]
        if len(hits) != 1:
            fail(f"citations.tsv: {row['bullet_contains']!r} matches {len(hits)} bullets")
            continue
        want = [int(x) for x in row["citations"].split(",")]
        have = citations_of(hits[0])
        if want != have:
            fail(f"citations.tsv: {row['bullet_contains']!r} golden {want} parsed {have}")

    all_text = "\n".join(texts.values())

    # number forms (SPEC section 3) that must occur somewhere
    forms = [
        "thousand", "million", "billion", "trillion", "千", "万吨", "亿", "万亿",
        "二十七万吨", "两千", "〇", "伍佰万元", "4.5万", "1500亿", "3千", "２０２５年", "２５％",
        "%", " percent", "百分之七十五", "七成", "逾七成", "个百分点", "percentage points",
        "20 times", "6倍", "sixfold", "1/8", "a quarter", "三分之一", "half",
        " tons", " tonnes", "metric tons", " t of", " kt", "吨", " kg", "公斤",
        "$", "US$", "USD", "dollars", "美元", "yuan", "元", "人民币", "RMB", "rubles", "卢布",
        "euros", "欧元", "yen", "日元", "A$", "澳元", "rupees",
        "types of", "patents", "项专利", "years", "年", "months", "decade",
        "20% to 25%", "10 to 20 years", "20%-25%", "五到六年", "10至20年",
        "over ", "more than", "nearly", "about", "less than", "at least", "up to",
        "超过", "逾", "近", "约", "左右", "不足", "以上", "以下", "至少", "500多亿",
        "2025-02-20", "December 1", "October 20, 2025", "by 2030", "in 2024",
        "2025年11月9日", "去年", "last year",
        "[1][3]", "[1,3]", "[1-3]", "【2】", "【环球时报】", "Group 1", "J-10CE", "Z-9WA",
        "+1 702 555 0148", "\n1. ", "\n(3) ",
    ]
    for f in forms:
        if f not in all_text:
            fail(f"number form not present: {f!r}")
    # separators and decimals: any "d,ddd" and "d.dd"
    if not re.search(r"\d,\d{3}", all_text) or not re.search(r"\d\.\d{2}", all_text):
        fail("no separator/decimal numbers")

    # planted conflicts: (file, text that must occur there)
    planted = [
        ("batch/digests/01_vietnam_summary_first.txt", "22 million tons of rare earth reserves"),
        ("batch/digests/03_critical_minerals_batch.txt", "over 20 million tons of rare earth reserves"),
        ("batch/digests/03_critical_minerals_batch.txt", "from 22 million tons to 3.5 million tons"),
        ("batch/articles/zh_vietnam_rare_earths.txt", "稀土储量约为220万吨"),
        ("batch/digests/01_vietnam_summary_first.txt", "85% of global rare earth refining"),
        ("batch/digests/07_company_results.txt", "90% of global rare earth refining"),
        ("batch/digests/06_magnets_crlf.txt", "more than 80% of global rare earth refining"),
        ("batch/articles/zh_refining_share.txt", "冶炼分离产能约占全球的九成"),
        ("batch/digests/03_critical_minerals_batch.txt", "1.2 trillion rubles (about $14.8 billion)"),
        ("batch/articles/zh_russia_rare_metals.txt", "约1.2万亿卢布（约合1050亿元人民币）"),
        ("batch/articles/en_russia_roadmap.txt", "900 billion rubles ($11.1 billion)"),
        ("batch/articles/en_mp_materials.txt", "45,000 metric tons of rare earth oxide"),
        ("batch/digests/07_company_results.txt", "45 kt of rare earth oxide"),
        ("batch/digests/06_magnets_crlf.txt", "54,000 tonnes of rare earth oxide"),
        ("batch/articles/zh_refining_share.txt", "稀土氧化物产量约4.5万吨"),
        ("batch/digests/02_lithium_no_source.txt", "lithium reserves of 7 million tonnes"),
        ("batch/digests/03_critical_minerals_batch.txt", "at least 6 million tonnes of lithium reserves"),
        ("batch/encodings/utf8_bom_article.txt", "澳大利亚锂储量约620万吨"),
        ("batch/digests/03_critical_minerals_batch.txt", "48% of global antimony mine output"),
        ("batch/digests/07_company_results.txt", "我国锑矿产量占全球逾六成"),
        ("batch/articles/zh_refining_share.txt", "我国锑矿产量约占全球近一半"),
        ("batch/digests/03_critical_minerals_batch.txt", "from 94% in 2022 to 98% by 2024"),
        ("batch/digests/05_prose_and_citations.txt", "较二〇一〇年的九成左右"),
    ]
    for rel, s in planted:
        if s not in texts.get(rel, ""):
            fail(f"planted value {s!r} not in {rel}")

    # seed copy check
    if args.seeds:
        for name in sorted(os.listdir(args.seeds)):
            seed = open(os.path.join(args.seeds, name), encoding="utf-8").read()
            for i in range(0, max(0, len(seed) - 80) + 1, 10):
                piece = seed[i:i + 80]
                for rel, body in texts.items():
                    if piece in body:
                        fail(f"{rel} copies 80 characters of seed {name}: {piece!r}")

    if total > 200_000:
        fail(f"batch is {total} bytes, over 200 KB")

    for e in errors:
        print("FAIL", e)
    print(f"{len(parsed)} articles in {len(by_file)} files, {total} bytes, "
          f"{len(crows)} citation rows: {'FAILED' if errors else 'OK'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
