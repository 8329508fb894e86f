#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Move the cover letter between series/0000-cover-letter.patch and the
empty cover commit at the bottom of the work tree.

  cover.py read COVER.patch            print the cover commit message
  cover.py write GENERATED.patch MSG   fill git format-patch's cover template
                                       from the cover commit message MSG

The commit message is the cover's title, a blank line, its text, and two
trailers: "change-id: ID" and "series-version: N" (b4 style).
"""
import re
import sys


def read(path):
    text = open(path, encoding="utf-8").read()
    head, _, body = text.partition("\n\n")
    subject = re.search(r"^Subject: (.*(?:\n[ \t].*)*)", head, re.M).group(1)
    subject = re.sub(r"\s*\n\s*", " ", subject)
    m = re.match(r"\[PATCH(?: v(\d+))? 0+/\d+\] (.*)", subject)
    if not m:
        sys.exit(f"{path}: cover subject not understood: {subject}")
    version, title = m.group(1) or "1", m.group(2)
    lines = body.split("\n")
    # The text ends where the shortlog ("Author (N):") begins.
    end = next(i for i, l in enumerate(lines) if re.match(r"^\S.* \(\d+\):$", l))
    blurb = "\n".join(lines[:end]).strip("\n")
    cid = re.search(r"^change-id: (\S+)$", text, re.M)
    if not cid:
        sys.exit(f"{path}: no change-id")
    print(f"{title}\n\n{blurb}\n\nchange-id: {cid.group(1)}\nseries-version: {version}")


def parse_msg(path):
    msg = open(path, encoding="utf-8").read().rstrip("\n")
    title, _, rest = msg.partition("\n\n")
    trailers = dict(re.findall(r"^(change-id|series-version): (\S+)$", rest, re.M))
    blurb = re.sub(r"\n*^(change-id|series-version): \S+$", "", rest, flags=re.M).strip("\n")
    return title, blurb, trailers


def write(path, msgpath):
    title, blurb, trailers = parse_msg(msgpath)
    text = open(path, encoding="utf-8").read()
    text = text.replace("*** SUBJECT HERE ***", title, 1)
    text = text.replace("*** BLURB HERE ***", blurb, 1)
    text = re.sub(r"^(base-commit: \S+)$",
                  rf"\1\nchange-id: {trailers['change-id']}", text, count=1, flags=re.M)
    open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    if sys.argv[1:2] == ["read"] and len(sys.argv) == 3:
        read(sys.argv[2])
    elif sys.argv[1:2] == ["write"] and len(sys.argv) == 4:
        write(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["version"] and len(sys.argv) == 3:
        print(parse_msg(sys.argv[2])[2].get("series-version", "1"))
    else:
        sys.exit(__doc__)
