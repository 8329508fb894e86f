#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Move the cover letter between series/0000-cover-letter.patch and the
cover commit of the work tree's `b4 prep` branch.

  cover.py read COVER.patch            print the cover commit message
  cover.py write GENERATED.patch MSG   fill git format-patch's cover template
                                       from the cover commit message MSG
  cover.py revision MSG                print the series revision of MSG
  cover.py rcpt GENERATED.patch MSG    add MSG's To:/Cc: trailers to the
                                       cover letter as folded mail headers

MSG is a cover commit in b4 0.12's "commit" cover strategy: title, blank
line, text, blank line, then b4's tracking section. It is written with b4's
own make_magic_json() and read by splitting on b4's MAGIC_MARKER the way
b4's load_cover() does (load_cover() itself reads the checked-out branch;
this script reads a message).
"""
import json
import re
import sys

from b4.ez import MAGIC_MARKER, make_magic_json


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
    # What "b4 prep --enroll base" records: base is a tag, not a branch (no
    # base-branch), and no b4.send-prefixes is configured.
    tracking = {"series": {"revision": int(version), "change-id": cid.group(1),
                           "base-branch": None, "prefixes": []}}
    # b4's store_cover(): content + "\n\n" + make_magic_json(tracking)
    print(f"{title}\n\n{blurb}\n\n" + make_magic_json(tracking))


def parse_msg(path):
    msg = open(path, encoding="utf-8").read()
    if msg.count(MAGIC_MARKER) != 1:
        sys.exit(f"{path}: not a b4 cover commit (no single '{MAGIC_MARKER}')")
    cover, magic = msg.split(MAGIC_MARKER)
    tracking = json.loads("{" + magic.split("{", 1)[1])["series"]
    title, _, blurb = cover.strip().partition("\n\n")
    return title, blurb.strip("\n"), tracking


def write(path, msgpath):
    title, blurb, tracking = parse_msg(msgpath)
    text = open(path, encoding="utf-8").read()
    text = text.replace("*** SUBJECT HERE ***", title, 1)
    text = text.replace("*** BLURB HERE ***", blurb, 1)
    text = re.sub(r"^(base-commit: \S+)$",
                  rf"\1\nchange-id: {tracking['change-id']}", text, count=1, flags=re.M)
    open(path, "w", encoding="utf-8").write(text)


def rcpt(path, msgpath):
    _, blurb, _ = parse_msg(msgpath)
    hdr = ""
    for kind in ("To", "Cc"):
        # sorted: get_maintainer.pl does not order ties the same way each run
        addrs = sorted(set(re.findall(rf"^{kind}: (.+)$", blurb, re.M)))
        if addrs:
            hdr += kind + ": " + ",\n    ".join(addrs) + "\n"
    head, sep, body = open(path, encoding="utf-8").read().partition("\n\n")
    if hdr:
        head += "\n" + hdr.rstrip("\n")
    open(path, "w", encoding="utf-8").write(head + sep + body)

if __name__ == "__main__":
    if sys.argv[1:2] == ["read"] and len(sys.argv) == 3:
        read(sys.argv[2])
    elif sys.argv[1:2] == ["write"] and len(sys.argv) == 4:
        write(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["revision"] and len(sys.argv) == 3:
        print(parse_msg(sys.argv[2])[2]["revision"])
    elif sys.argv[1:2] == ["rcpt"] and len(sys.argv) == 4:
        rcpt(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
