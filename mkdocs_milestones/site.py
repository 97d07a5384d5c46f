# SPDX-License-Identifier: MIT
"""Cross-page work: find the milestones among a site's pages and resolve their dependencies.

Pure: it takes page sources and URLs, so the MkDocs plugin, the CLI and tests share it.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from .graph import build_milestone_graph
from .model import Diagnostic, Milestone, MilestoneEntry
from .parser import split_front_matter
from .refs import _fold, _fold_id, _nearest, _rank, ref_is_shaped
from .detect import is_milestone_source
from .roadmap_doc import may_hold_milestones, parse_milestones
from .schedule import check_target_slips
from .vocabulary import status_word

__all__ = ["PageSource", "assemble", "front_matter_lines", "check_dependencies", "collect_milestones", "mojibake_scope",
           "repair_in_scope", "resolve_dependencies"]

_log = logging.getLogger("mkdocs.plugins.milestones")
_LEAD_ID_RE = re.compile(r"^((?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*|[vV]\d+(?:\.\d+)*)(?=[\s\-:]|$)")


@dataclass(frozen=True)
class PageSource:
    """A documentation page: its path relative to the docs folder, URL and Markdown source.

    A host that has split the front matter off already passes the rest as ``text``, the front
    matter as ``meta`` and the source line of the text's first line as ``first_line``, so the
    milestone is read exactly as the page will render. ``repaired`` says the text has had its
    mojibake repaired already.
    """

    path: str
    url: str
    text: str
    meta: dict[str, Any] | None = None
    first_line: int = 1
    repaired: bool = False


MOJIBAKE_SCOPES = ("milestones", "all")


def mojibake_scope(value: object) -> str | bool:
    """The ``fix_mojibake`` option's value as ``"milestones"``, ``"all"`` or False.

    ``true`` (also the words Python-Markdown reads as true) is an alias of ``milestones``, the
    default; ``false`` (or ``none``) turns the repair off. Raises ValueError for anything else.
    """
    if isinstance(value, str):
        word = value.strip().lower()
        if word in MOJIBAKE_SCOPES:
            return word
        if word in ("true", "yes", "y", "on", "1"):
            return "milestones"
        if word in ("false", "no", "n", "off", "0", "none", ""):
            return False
    elif value is True:
        return "milestones"
    elif value is False or value is None:
        return False
    raise ValueError(f"expected one of: milestones (or true), all, false; got {value!r}")


def repair_in_scope(text: str, scope: object, meta: dict[str, Any] | None = None) -> tuple[str, list[Any]]:
    """The mojibake repair of a page's source within the ``fix_mojibake`` scope, and its repairs.

    ``all`` repairs every page; ``milestones`` (``true``) a page the plugin renders as a milestone
    (detection, front matter or ``meta`` with ``milestone: true``) and a roadmap document whose
    repaired text holds milestones (``.planning/ROADMAP.md`` with ``- âœ… **v1.1 ...**``); false
    nothing. Out of scope, the text comes back unchanged with no repairs.
    """
    scope = mojibake_scope(scope)
    if not scope:
        return text, []
    from .mojibake import fix_mojibake_report

    if scope == "all":
        return fix_mojibake_report(text)
    # The repair's own pre-check is cheaper than reading the page as a milestone: a clean page (most) stops here.
    fixed, repairs = fix_mojibake_report(text)
    if not repairs:
        return text, []
    if is_milestone_source(text, meta) or (may_hold_milestones(text, meta) and parse_milestones(fixed, meta=meta)):
        return fixed, repairs
    return text, []


def collect_milestones(pages: Iterable[PageSource], *, fix_mojibake: object = True) -> list[MilestoneEntry]:
    """Parse every milestone page and resolve the dependencies between them.

    Arguments:
        pages: All documentation pages (non-milestone pages are skipped cheaply).
        fix_mojibake: Repair mojibake before parsing, as the page render does, within this scope
            (:func:`repair_in_scope`: ``"milestones"`` or True, ``"all"``, False).

    Returns:
        One entry per milestone page, ordered by path.
    """
    entries: list[MilestoneEntry] = []
    for page in pages:
        if not may_hold_milestones(page.text, page.meta):
            continue
        text = page.text
        try:
            if fix_mojibake and not page.repaired:
                text = repair_in_scope(text, fix_mojibake, page.meta)[0]
            found = parse_milestones(text, file=page.path, meta=page.meta, first_line=page.first_line)
        except Exception as err:  # noqa: BLE001 - a bug of ours on one page must not stop the build
            _log.warning(
                "%s: mkdocs-milestones could not read this milestone (%s: %s); it is left out of the roadmap "
                "and the export. Please report this with the page attached.", page.path, type(err).__name__, err,
            )
            _log.debug("traceback", exc_info=err)
            continue
        entries.extend(MilestoneEntry.placed(page.path, page.url, ms) for ms in found)
    return assemble(entries)


def assemble(entries: list[MilestoneEntry]) -> list[MilestoneEntry]:
    """The site's milestones ordered by path, their dependencies resolved and checked (warnings on the entries)."""
    entries.sort(key=lambda e: (e.page, e.milestone.line))
    resolve_dependencies(entries)
    try:
        check_dependencies(entries)
        check_target_slips(entries)
    except Exception as err:  # noqa: BLE001 - a bug of ours in a check must not stop the build
        _log.warning(
            "mkdocs-milestones could not check the dependencies between milestones (%s: %s); "
            "the roadmap and the export are written without that check. Please report this.", type(err).__name__, err,
        )
        _log.debug("traceback", exc_info=err)
    return entries


def front_matter_lines(source: str) -> int:
    """Source lines before the text a host converts: the front matter and the blank lines after it.

    >>> front_matter_lines("---\\ntitle: x\\n---\\n\\n# A\\n"), front_matter_lines("# A\\n")
    (4, 0)
    """
    _, body, offset = split_front_matter(source.lstrip("\ufeff").replace("\r\n", "\n"))
    return offset + (len(body) - len(body.lstrip("\n")) if offset else 0)


def read_docs_dir(docs_dir: str, *, use_directory_urls: bool = True, errors: dict[str, str] | None = None) -> list[PageSource]:
    """Every ``.md`` page under ``docs_dir`` with the URL MkDocs-like hosts give it.

    For hosts without the plugin (Zensical) and the CLI; the plugin uses MkDocs' own file list.
    A page that cannot be read as UTF-8 is skipped; with ``errors``, its path (relative, as in
    :class:`PageSource`) is added there with the reason.
    """
    pages: list[PageSource] = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, docs_dir).replace(os.sep, "/")
            try:
                with open(full, encoding="utf-8-sig") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError) as exc:
                if errors is not None:
                    errors[rel] = str(exc)
                continue
            pages.append(PageSource(rel, page_url(rel, use_directory_urls=use_directory_urls), text))
    return pages


def page_url(path: str, *, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page (``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``).

    >>> page_url("a/b.md"), page_url("a/index.md"), page_url("README.md"), page_url("a/b.md", use_directory_urls=False)
    ('a/b/', 'a/', '', 'a/b.html')
    >>> page_url("a/index.md", use_directory_urls=False), page_url("README.md", use_directory_urls=False)
    ('a/index.html', 'index.html')
    """
    stem = path.removesuffix(".md")
    head, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        if not use_directory_urls:
            return f"{head}/index.html" if head else "index.html"
        return f"{head}/" if head else ""
    if not use_directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


def _normalize_ref(base: str, ref: str) -> str:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return ""
    path = unquote(parts.path)
    if not path:
        return ""
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(base), path)
    joined = posixpath.normpath(joined)
    if joined.endswith("/") or not joined.endswith(".md"):
        # A directory URL ("../auth/") names its index page.
        candidates = [joined + ".md", posixpath.join(joined, "index.md"), posixpath.join(joined, "README.md")]
        return "|".join(candidates)
    return joined


def _depends_line(ms: Milestone) -> int:
    """Where a milestone's dependencies are written: its ``**Depends on**`` line, else line 1 (front matter)."""
    return ms.depends_on_line or 1


def _meta_refs(ms: Milestone) -> list[str]:
    """The references front matter names (``depends_on: [Auth rollout]``): titles on purpose, always checked."""
    deps = ms.meta.get("depends_on") if isinstance(ms.meta, dict) else None
    return [str(x) for x in ([deps] if isinstance(deps, str) else deps if isinstance(deps, list) else [])]


def resolve_dependencies(entries: list[MilestoneEntry]) -> None:
    """Fill ``entry.depends_on`` with the keys (:attr:`MilestoneEntry.key`: the page path, or ``page#anchor``) of the milestones each one depends on.

    A reference is a link target relative to the page (``../auth.md``, ``auth/``), a path from the
    docs folder, a page's file name without ``.md`` (``M0-Docker_Environment_Setup``), a milestone id
    (``M0``, ``SIM-M1``, ``v1.1``; also at the start of a name, ``M1-MVP``) or a milestone title
    (front matter ``depends_on: [Auth rollout]``), tried in that order; a name two milestones share
    does not resolve. One that names no milestone is warned about once and kept, as written, in
    ``entry.missing`` (the roadmap graph draws it as a ghost node) when a reader can tell it means a
    milestone (an id, a path, a link, front matter); prose in a ``Depends on`` line that names none
    (``the vendor shipping their SDK v3``) is left to the page.
    """
    by_key = {e.key: e for e in entries}  # a page, or page#anchor for a roadmap document's milestones
    by_path = {e.page: e for e in entries if e.key == e.page}

    ambiguous: dict[str, list[str]] = {}

    def unique(pairs: Iterable[tuple[str, MilestoneEntry]]) -> dict[str, MilestoneEntry]:
        """One milestone per name: the plan rather than its tracking log or release note; else none (ambiguous)."""
        found: dict[str, list[MilestoneEntry]] = {}
        for key, entry in pairs:
            if entry not in found.setdefault(key, []):
                found[key].append(entry)
        out: dict[str, MilestoneEntry] = {}
        for key, cands in found.items():
            best = min(_rank(c) for c in cands)
            top = [c for c in cands if _rank(c) == best]
            if len(top) == 1:
                out[key] = top[0]
            else:
                ambiguous[key] = sorted(c.key for c in top)
        return out

    by_title = unique((_fold(e.milestone.title), e) for e in entries)
    by_stem = unique((_fold(posixpath.basename(e.page).removesuffix(".md")), e) for e in entries if e.key == e.page)
    by_id = unique((_fold(e.milestone.id), e) for e in entries if getattr(e.milestone, "id", None))
    # ``M2.9`` for ``M-02.09``: the same id written without padding, when no id is written exactly so
    by_loose_id = unique((_fold_id(e.milestone.id), e) for e in entries if getattr(e.milestone, "id", None))

    def by_name(ref: str) -> str | None:
        name = _fold(ref)
        if name.endswith(".md"):
            name = posixpath.basename(name).removesuffix(".md")
        for table, key in ((by_stem, name), (by_id, name), (by_title, name)):
            if key in table:
                return table[key].key
        lead = _LEAD_ID_RE.match(_fold(ref, lower=False))
        if lead and _fold(lead.group(1)) in by_id:
            return by_id[_fold(lead.group(1))].key
        if name not in ambiguous and _fold_id(name) in by_loose_id:
            return by_loose_id[_fold_id(name)].key
        return None

    def shared(ref: str) -> list[str]:
        name = _fold(ref)
        lead = _LEAD_ID_RE.match(_fold(ref, lower=False))
        return ambiguous.get(name) or (ambiguous.get(_fold(lead.group(1)), []) if lead else []) or ambiguous.get(_fold_id(name), [])

    for e in entries:
        ms = e.milestone
        resolved: list[str] = []
        missing: list[str] = []
        for ref in ms.depends_on_refs:
            target = None
            norm = _normalize_ref(e.page, ref)
            fragment = ref.partition("#")[2]
            for cand in norm.split("|") if norm else []:
                if fragment and f"{cand}#{fragment}" in by_key:  # ``ROADMAP.md#milestone-v1``
                    target = f"{cand}#{fragment}"
                    break
                if cand in by_path:
                    target = cand
                    break
            if target is None:
                direct = posixpath.normpath(ref.lstrip("/")) if ref else ""
                if direct in by_path:
                    target = direct
                else:
                    target = by_name(ref)
            if target is None and not ref_is_shaped(ref) and ms.depends_on_line is not None and ref not in _meta_refs(ms):
                continue  # prose (``the vendor shipping their SDK``) that names no milestone: the page says it, no warning
            if target is None and shared(ref):
                e.warnings.append(Diagnostic(e.page, _depends_line(ms), (
                    f"depends on {ref!r}, which is ambiguous: it names {', '.join(by_key[k].located for k in shared(ref))}; "
                    "link to the one meant")))
                if ref.strip() and ref not in missing:
                    missing.append(ref)
            elif target is None:
                keys = _nearest(ref, entries)
                # the close names only (``_nearest`` gives at most 8 of them); all milestones, when none is close
                known = ", ".join(by_key[k].located for k in keys[:8]) + (f" (and {len(keys) - 8} more)" if len(keys) > 8 else "") if keys else "none in this site"
                e.warnings.append(
                    Diagnostic(e.page, _depends_line(ms),
                               f"depends on {ref!r}, which is not a milestone page; link to one of: {known}")
                )
                if ref.strip() and ref not in missing:
                    missing.append(ref)
            elif target == e.key:
                e.warnings.append(Diagnostic(e.page, _depends_line(ms), "a milestone cannot depend on itself"))
            elif target not in resolved:
                resolved.append(target)
        e.depends_on = resolved
        e.missing = missing


def check_dependencies(entries: list[MilestoneEntry]) -> None:
    """Warn about the problems of the cross-milestone graph, on the milestone whose dependencies hold them.

    Run after :func:`resolve_dependencies`. A cycle (``a.md`` depends on ``b.md``, which depends on
    ``a.md``) is warned about once on each milestone on it, the cycle named from that milestone; a
    milestone marked done while one it depends on is neither done nor cancelled is warned about
    once per such dependency. Each warning has the line of the ``**Depends on**`` (line 1 when the
    dependencies come from front matter), like the warnings about references that name no
    milestone. The cycles are those the roadmap graph marks (one per edge it marks), in page order.
    """
    by_page = {e.key: e for e in entries}
    _, issues = build_milestone_graph([(e.key, e.key, e.milestone.status, "", e.depends_on) for e in entries])
    found: dict[str, list[str]] = {}
    for issue in issues:
        if issue.kind == "cycle" and len(issue.refs) > 1:  # a page naming itself is warned about already
            cycle = issue.refs  # each depends on the next, the last on the first
            for i, page in enumerate(cycle):
                turn = (*cycle[i:], *cycle[:i])
                chain = " → ".join(by_page[k].name for k in (*turn, page))
                found.setdefault(page, []).append(
                    f"dependency cycle between milestones: {chain} (each depends on the next), so none of them "
                    f"can be done first; stop {by_page[page].name} depending on {by_page[turn[1]].name}, or break the cycle at another "
                    "of these milestones"
                )
        elif issue.kind == "done-before-dependency":
            page, dep = issue.node, issue.refs[0]
            status = by_page[dep].milestone.status
            state = f"which is {status_word(status)}" if status else "whose status is unknown"
            this, that = by_page[page].name, by_page[dep].name
            found.setdefault(page, []).append(
                f"{this} is marked done but depends on {that}, {state}; mark {that} done (or cancelled), "
                f"or give {this} a status other than done"
            )
    for page, messages in found.items():
        e = by_page[page]
        line = _depends_line(e.milestone)
        for message in dict.fromkeys(messages):
            e.warnings.append(Diagnostic(e.page, line, message))
