"""`newsarchive diff ID|URL`: what changed between two versions of an article, field by field."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsarchive.commands.common import EXIT_OK, CliError, add_archive_option, require_archive


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "diff", help="what changed between versions of an article",
        description="Compare two versions of an article field by field: title, dek, authors, "
                    "section, dates and tags as word diffs ([-removed-]{+added+}), images as "
                    "added/removed, the body as a unified diff of paragraphs (sub-headings "
                    "start with ##) with word diffs inside changed paragraphs. By default the "
                    "current version is compared with the one before it.")
    parser.add_argument("article", metavar="ID|URL",
                        help="article id, canonical URL or any URL the article was fetched under")
    add_archive_option(parser)
    parser.add_argument("--from", dest="from_no", type=int, metavar="N",
                        help="older version number (default: the one before --to)")
    parser.add_argument("--to", dest="to_no", type=int, metavar="M",
                        help="newer version number (default: the current version)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: article_id, from/to version facts, changes "
                             "(field, kind, old, new, words / added / removed / blocks, unified)")
    return parser


def pick(versions: list[dict[str, Any]], from_no: int | None,
         to_no: int | None) -> tuple[dict[str, Any], dict[str, Any]]:
    by_no = {int(v["version_no"]): v for v in versions}
    to_no = to_no if to_no is not None else max(by_no)
    from_no = from_no if from_no is not None else to_no - 1
    for number in (from_no, to_no):
        if number not in by_no:
            have = ", ".join(str(n) for n in sorted(by_no))
            if len(by_no) == 1 and number == 0:
                raise CliError("the article has only one version: nothing to compare")
            raise CliError(f"the article has no version {number} (it has {have})")
    return by_no[from_no], by_no[to_no]


def _facts(version: dict[str, Any]) -> dict[str, Any]:
    return {name: version.get(name) for name in
            ("version_no", "version_id", "created_at", "extractor_version", "content_hash")} | {
        "fetched_at": (version.get("capture") or {}).get("fetched_at")}


def run(args: argparse.Namespace) -> int:
    from archive.diff import diff_versions
    from archive.store import open_store

    require_archive(args.archive, args.db)
    with open_store(args.archive, readonly=True, db=args.db) as store:
        article = store.get_article(args.article)
        if article is None:
            raise CliError(f"no article with id or URL {args.article!r} in the archive")
        versions = store.versions(int(article["id"]))
    old, new = pick(versions, args.from_no, args.to_no)
    changes = diff_versions(old, new)
    if args.json:
        print(json.dumps({"article_id": article["id"], "canonical_url": article["canonical_url"],
                          "from": _facts(old), "to": _facts(new),
                          "changes": [change.to_dict() for change in changes]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    color = sys.stdout.isatty()
    print(f"Article {article['id']}: {article.get('title') or '(no title)'}")
    print(f"version {old['version_no']} ({old['created_at']}, extractor {old['extractor_version']})"
          f" -> version {new['version_no']} ({new['created_at']}, extractor "
          f"{new['extractor_version']})")
    if not changes:
        print("no field changed")
        return EXIT_OK
    for change in changes:
        print(f"\n{change.field} ({change.kind}):")
        if change.unified is not None:
            for line in change.unified.splitlines()[2:]:  # the ---/+++ header is said above
                print(_paint(line, color))
            for block in change.blocks or []:
                if block.op == "replace" and block.words:
                    print("  in a changed paragraph: " + _words(block.words, color))
        elif change.words is not None:
            print("  " + _words(change.words, color))
        else:
            for item in change.removed:
                print(_paint(f"- {_item(item)}", color))
            for item in change.added:
                print(_paint(f"+ {_item(item)}", color))
    return EXIT_OK


def _item(item: Any) -> str:
    if isinstance(item, dict):
        caption = " ".join(str(item[k]) for k in ("caption",) if item.get(k))
        credit = f" [{item['credit']}]" if item.get("credit") else ""
        return f"{item.get('src')}: {caption}{credit}".rstrip(": ")
    return str(item)


def _paint(line: str, color: bool) -> str:
    text = line
    if not color:
        return text
    if line.startswith("+"):
        return f"\033[32m{text}\033[0m"
    if line.startswith("-"):
        return f"\033[31m{text}\033[0m"
    if line.startswith("@@"):
        return f"\033[36m{text}\033[0m"
    return text


def _words(ops: list[tuple[str, str]], color: bool) -> str:
    out = []
    for op, text in ops:
        if op == "=":
            out.append(text)
        elif op == "-":
            out.append(f"\033[31m[-{text}-]\033[0m" if color else f"[-{text}-]")
        else:
            out.append(f"\033[32m{{+{text}+}}\033[0m" if color else f"{{+{text}+}}")
    return "".join(out)
