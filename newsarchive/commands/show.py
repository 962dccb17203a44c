"""`newsarchive show ID|URL`: one article with all its fields, versions, captures and WARC
provenance (where each capture's bytes are, to cite or replay them; for each picture, the record
holding its bytes: archive/images.py), and the other articles of its story (near-duplicates on
this or other sites: docs/STORIES.md)."""
from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from newsarchive.commands.common import EXIT_OK, CliError, add_archive_option, require_archive

# What `--json` lists for each version beside its fields.
VERSION_META = ("version_no", "version_id", "created_at", "extractor_version", "content_hash",
                "run_id", "run_kind")


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "show", help="show one article: fields, versions, captures, WARC provenance",
        description="Show an archived article (its current version): every field, the body "
                    "with its sub-headings, captions with credits and where each picture's "
                    "bytes are in the WARC files (file:offset, payload digest; or \"not "
                    "archived\"); then its versions (number, "
                    "time, extractor version, content hash), every capture linked to it and "
                    "where its bytes are in the WARC files (file, offset, length, record id, "
                    "payload digest, fetch time; for a file `import-warc --reference` "
                    "indexed where it lies, that file's path), the URLs it is known by, and "
                    "the other "
                    "articles of its story (the same text on other sites or URLs: site, URL, "
                    "first seen, similarity), earliest first.")
    parser.add_argument("article", metavar="ID|URL",
                        help="article id (as search prints it), canonical URL or any URL the "
                             "article was fetched under")
    add_archive_option(parser)
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: article, versions (fields included), "
                             "captures, urls, story")
    return parser


def load(store: Any, ident: str) -> dict[str, Any]:
    article = store.get_article(ident)
    if article is None:
        raise CliError(f"no article with id or URL {ident!r} in the archive")
    from archive.records import run_kind

    from archive.images import with_image_captures

    article_id = int(article["id"])
    # each picture with the WARC record holding its bytes (archive/images.py)
    [article] = with_image_captures(store, [article])
    versions = list(with_image_captures(store, store.versions(article_id)))
    for version in versions:
        run = store.get_run(version["run_id"]) if version.get("run_id") else None
        version["run_kind"] = run_kind(run["site"]) if run else None
    return {"article": article, "versions": versions,
            "captures": store.captures_for_article(article_id),
            "urls": store.article_urls(article_id),
            "story": store.story(article_id)}


def run(args: argparse.Namespace) -> int:
    from archive.store import open_store

    require_archive(args.archive, args.db)
    with open_store(args.archive, readonly=True, db=args.db) as store:
        data = load(store, args.article)
    _name_referenced_files(data["captures"], args.archive)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(render(data))
    return EXIT_OK


def _name_referenced_files(captures: list[dict[str, Any]], archive_dir: str) -> None:
    """Each capture whose WARC file `import-warc --reference` linked where it lies gets
    `referenced_file`: that file's path (archive.replay.referenced_file)."""
    from archive.replay import referenced_file

    for capture in captures:
        linked = referenced_file(archive_dir, capture["warc_file"])
        if linked is not None:
            capture["referenced_file"] = linked


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def render(data: dict[str, Any]) -> str:
    from archive.web.present import body_after_dek

    article, versions = data["article"], data["versions"]
    lines = [f"Article {article['id']}: {article.get('title') or '(no title)'}", ""]
    facts = [("canonical URL", article.get("canonical_url")), ("site", article.get("site")),
             ("language", article.get("language")), ("section", article.get("section")),
             ("authors", ", ".join(article.get("authors") or [])),
             ("published", article.get("published")), ("modified", article.get("modified")),
             ("tags", ", ".join(article.get("tags") or [])),
             ("words", article.get("word_count")),
             ("version", f"{article.get('version_no')} of {article.get('versions_count')}"),
             ("first seen", article.get("first_seen")), ("last seen", article.get("last_seen")),
             ("story", _story_fact(data.get("story")))]
    lines += [f"  {name + ':':<15}{value}" for name, value in facts if value not in (None, "")]
    if article.get("dek"):
        lines += ["", _wrap("Dek: " + article["dek"])]
    lines.append("")
    # the body opens with the dek (docs/EXPORT.md): printed once, above
    for block in body_after_dek(article):
        text = block.get("text") or ""
        if block.get("kind") == "h":
            lines += ["", f"## {text}"]
        elif block.get("kind") == "li":
            lines.append(_wrap("- " + text))
        elif block.get("kind") == "quote":
            lines.append(_wrap(text, "> "))
        else:
            lines.append(_wrap(text))
        lines.append("")
    if article.get("images"):
        lines.append("Images:")
        for image in article["images"]:
            lines.append(f"  - {image.get('src')}")
            caption = " ".join(part for part in (
                image.get("caption"), f"[{image['credit']}]" if image.get("credit") else None)
                if part)
            if caption:
                lines.append(_wrap(caption, "    "))
            lines.append(f"    {_image_reference(image.get('capture'))}")
        lines.append("")
    lines.append(f"Versions ({len(versions)}):")
    for version in versions:
        capture = version.get("capture") or {}
        lines.append(f"  v{version['version_no']:<3} created {version['created_at']}  "
                     f"extractor {version['extractor_version']}  "
                     f"hash {version['content_hash'][:16]}  "
                     f"from capture fetched {capture.get('fetched_at')} "
                     f"({version.get('run_kind') or 'crawl'} run {version['run_id']})")
    lines += ["", f"Captures ({len(data['captures'])}):"]
    for capture in data["captures"]:
        lines.append(f"  {capture['fetched_at']}  HTTP {capture['status']}  "
                     f"{capture['record_type']}  {capture['url']}")
        lines.append(f"      WARC {capture['warc_file']} offset {capture['offset']} "
                     f"length {capture['length']}"
                     + (f"  (a link to {capture['referenced_file']})"
                        if capture.get("referenced_file") else ""))
        lines.append(f"      record {capture['record_id']}  payload {capture['payload_digest']}"
                     + (f"  (version id {capture['version_id']})" if capture.get("version_id")
                        else ""))
    if data["urls"]:
        lines += ["", "URLs:"]
        lines += [f"  {row['kind']:<10} {row['url']}" for row in data["urls"]]
    others = _other_members(data.get("story"), article["id"])
    if others:
        lines += ["", f"Same story, earliest first seen first ({len(others)} other "
                      f"{'article' if len(others) == 1 else 'articles'}):"]
        for member in others:
            similar = member.get("similarity")
            lines.append(f"  {member['first_seen']}  {member['site']}  similarity "
                         f"{'-' if similar is None else f'{similar:.2f}'}  "
                         f"article {member['article_id']}  {member['canonical_url']}")
    return "\n".join(lines).rstrip() + "\n"


def _image_reference(capture: dict[str, Any] | None) -> str:
    if not capture:
        return "not archived"
    return (f"archived: WARC {capture['warc_file']}:{capture['offset']} "
            f"(length {capture['length']})  payload {capture['payload_digest']}  "
            f"fetched {capture['fetched_at']}")


def _other_members(story: dict[str, Any] | None, article_id: int) -> list[dict[str, Any]]:
    return [m for m in (story or {}).get("members", []) if m["article_id"] != article_id]


def _story_fact(story: dict[str, Any] | None) -> str | None:
    if not story:
        return None
    count = len(story["members"])
    return f"{story['story_id']} ({count} {'article' if count == 1 else 'articles'})"
