# SPDX-License-Identifier: MIT
"""Issue references: which words of a plan name an issue, and where each one links.

* ``#123``: an issue of the site's own repository (MkDocs' ``repo_url``, on GitHub or GitLab);
* ``owner/repo#123`` (GitLab: ``group/sub/project#123``): an issue of another repository on the same server;
* ``PROJ-123``: an issue of another tracker, for the keys the ``trackers`` option maps to a URL template.

The parser finds the references once, in the text a reader sees (:func:`scan_refs`: never in code, links,
URLs, raw HTML or headings) and keeps them on the milestone; the page and the export resolve those same
references with the same :class:`LinkRules`. :func:`find_refs` is the one rule for where a reference may
start and end; the page uses it to find, among its text, the references the parser kept.

>>> rules = link_rules("https://github.com/acme/app", {"trackers": {"PROJ": "https://jira.example.com/browse/{key}"}})
>>> [(r.text, rules.url(r)) for r in find_refs("Fixes #12 and acme/lib#3, see PROJ-7; not C#1, x#2 or #fff.", 1)]
[('#12', 'https://github.com/acme/app/issues/12'), ('acme/lib#3', 'https://github.com/acme/lib/issues/3'), ('PROJ-7', 'https://jira.example.com/browse/PROJ-7')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from .model import IssueRef
from .source import _TABLE_SEP_RE, Line, Lines, _split_row, html_block_lines

__all__ = ["PROVIDERS", "LinkRules", "find_refs", "link_rules", "ref_spans", "scan_refs"]

PROVIDERS = ("github", "gitlab")
"""The servers whose issue URLs the plugin knows (``/issues/N``, GitLab's ``/-/issues/N``)."""

# A reference starts at the start of a text or after a space or an opening punctuation mark, never inside a
# word (``C#1``, ``foo#1``), an entity (``&#123;``), an escape (``\#1``), a path or a URL (``/#1``, ``?x=#1``).
_BEFORE = r"(?<![^\s(\[{\"'*_,;:!?|\u2014\u2013\u201c\u2018\u00ab])"
# ... and ends before anything that would make it a longer word (``#12abc``, ``#1.2``, ``PROJ-1-2``).
_AFTER = r"(?![^\W_]|[-.]\w)"  # ``_#12_`` (emphasis) ends at the underscore
_REF_RE = re.compile(
    _BEFORE
    + r"(?:(?P<repo>[A-Za-z0-9][\w.-]*(?:/[\w.-]*[\w])+)?#(?P<num>[1-9]\d{0,8})"  # no leading zero: never #000
    + r"|(?P<key>[A-Z][A-Z0-9_]+)-(?P<id>[1-9]\d{0,8}))"
    + _AFTER
)
_MAYBE_RE = re.compile(r"#[1-9]|[A-Z][A-Z0-9_]*-[1-9]")
"""A quick test before the masking: where this finds nothing, :data:`_REF_RE` finds nothing either."""
_HASH_NUM_RE = re.compile(r"#[1-9]")
_DASH_NUM_RE = re.compile(r"-[1-9]")
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _maybe_refs(text: str) -> bool:
    """``_MAYBE_RE.search(text)``, faster on a whole page: the engine tries ``[A-Z]`` at every capital letter, while a
    ``-`` before a digit is rare (dates) and the key before it is read backwards: some capital letter in the run of
    ``[A-Z0-9_]`` right before the dash.

    >>> [_maybe_refs(t) for t in ("see #12", "PROJ-7", "2026-11-13", "a-1", "X_2-3", "#0 and -0")]
    [True, True, False, False, True, False]
    """
    if _HASH_NUM_RE.search(text):
        return True
    for m in _DASH_NUM_RE.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] in _KEY_CHARS:
            if "A" <= text[i] <= "Z":
                return True
            i -= 1
    return False
_FILE_LIKE_RE = re.compile(r"\.(?:md|markdown|html?|txt|py|js|ts|ya?ml|json)$", re.IGNORECASE)
_TRACKER_KEY_RE = re.compile(r"^[A-Z][A-Z0-9_]+$")


def find_refs(text: str, line: int = 0, *, after_boundary: bool = True) -> list[IssueRef]:
    """The references in a run of plain text (no code, links or HTML in it), in order.

    >>> [r.text for r in find_refs("(#1) [#2] |#3| **#4** 'a/b#5' #0 #012 &#13; \\\\#6 PROJ-7-8 ISSUE-9.")]
    ['#1', '#2', '#3', '#4', 'a/b#5', 'ISSUE-9']
    """
    return [ref for _, ref in ref_spans(text, line, after_boundary=after_boundary)]


def ref_spans(text: str, line: int = 0, *, after_boundary: bool = True) -> list[tuple[int, IssueRef]]:
    """:func:`find_refs` with where each reference starts in ``text``.

    ``after_boundary`` is False when the text follows something a reference cannot start after (the page
    asks this for the text right after a link or a code span).
    """
    if "#" not in text and "-" not in text:
        return []
    out = []
    for m in _REF_RE.finditer(text):
        if m.start() == 0 and not after_boundary:
            continue
        repo = m.group("repo")
        if repo and _FILE_LIKE_RE.search(repo):  # ``plan.md#12`` is a file's anchor
            continue
        if m.group("key"):
            ref = IssueRef(m.group(0), line, key=m.group("key"), number=m.group("id"))
        else:
            ref = IssueRef(m.group(0), line, repo=repo, number=m.group("num"))
        out.append((m.start(), ref))
    return out


# -- where a reader sees plain text: the parser's side -----------------------------------------------
_CODE_RUN_RE = re.compile(r"`+")
_MASKS_RE = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"  # [text](url)
    r"|!?\[(?P<text>[^\[\]]*)\]\[(?P<ref>[^\[\]]*)\]"  # [text][ref]
    r"|<(?:[A-Za-z/!?][^<>]*)>"  # a tag, an autolink, a comment on one line
    r"|(?:https?|ftp)://[^\s<>]*|www\.[^\s<>]*"  # a bare URL (magiclink makes it a link)
    r"|\{:?[ \t]*[#.][^{}\n]*\}"  # an attr_list ``{ #id .class }``
)
_SHORTCUT_RE = re.compile(r"\[(?P<text>[^\[\]]+)\](?!\(|\[)")
_REF_DEF_RE = re.compile(r"^ {0,3}\[(?P<id>[^\]]+)\]:\s")
# ``#12`` first on a line (in a list item, a quote, a list's indented paragraph) is a heading for Python-Markdown.
_HEADING_START_RE = re.compile(r"^(?:[ \t]*>[ ]?)*(?:[ \t]*(?:[-*+]|\d+[.)])[ \t]+)?[ \t]*#")
_SETEXT_RE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_LIST_RE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
# Admonitions, collapsible blocks and tabs (``!!! note``, ``??? tip``, ``=== "Tab"``) hold indented blocks, as list items do.
_CONTAINER_RE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===)[ \t]")
_HTML_LINE_RE = re.compile(r"^[ \t]*<[A-Za-z/!?]")
_MASK = "\x00"  # stands for hidden text: no reference starts right after it


def scan_refs(lines: Lines | list[Line], raw_html: set[int] | None = None, text: str | None = None) -> list[IssueRef]:
    """The references a reader sees as plain text in ``lines`` (a milestone's part of a page), in order.

    Lines of fenced or indented code, raw HTML, headings (Python-Markdown makes ``#12`` at the start of a
    line, a list item or a quote a heading), link definitions and HTML comments hold none; within a line,
    code spans, links, tags, URLs and attribute lists are masked.

    >>> from .source import scan_lines
    >>> doc = "See #1 and `#2`.\\n\\n    #3 code\\n\\n[#4](x) [#5] <b title='#6'>#7</b>\\n#8 heading\\n- a\\n\\n  #9\\n\\n[#5]: http://x"
    >>> [(r.text, r.line) for r in scan_refs(scan_lines(doc))]
    [('#1', 1)]

    ``raw_html``: :func:`~.source.html_block_lines` of ``lines``, and ``text`` their text joined, when the caller
    has them already.
    """
    texts, fence = (lines.texts, lines.fence) if type(lines) is Lines else ([ln.text for ln in lines], [ln.in_fence for ln in lines])
    if not _maybe_refs("\n".join(texts) if text is None else text):
        return []  # most plans: nothing shaped like a reference anywhere
    nos = range(lines.first, lines.first + len(texts)) if type(lines) is Lines else [ln.no for ln in lines]
    if raw_html is None:
        raw_html = html_block_lines(lines)  # ``<div markdown="1">`` ... ``</div>``: raw without md_in_html
    defined = {m.group("id").strip().lower() for t, f in zip(texts, fence) if "]:" in t and not f and (m := _REF_DEF_RE.match(t))}
    out: list[IssueRef] = []
    in_code = in_comment = False
    open_run = ""  # a code span's backticks still open from an earlier line of the paragraph
    prev_blank, in_list = True, False
    cols = 0  # in a pipe table: its number of columns (cells past them are dropped from the page)
    for i, text in enumerate(texts):
        blank = not text.strip()
        if fence[i] or blank or i in raw_html:
            open_run, cols = "", 0
            # After a fence or an HTML block, as after a blank line, an indented line may start code.
            prev_blank, in_code, in_list = True, in_code and blank, in_list and blank
            continue
        indented = text.startswith(("    ", "\t"))
        if indented and (in_code or (prev_blank and (not in_list or (  # deeper: indented once more than the list's text
                text.expandtabs(4).startswith(" " * 8) and not _LIST_RE.match(text))))):
            in_code = True  # an indented code block (in a list item or an admonition: indented once more)
            continue
        in_code = False
        if not indented:
            in_list = bool(_LIST_RE.match(text) or _CONTAINER_RE.match(text)) or (in_list and not prev_blank)
        prev_blank = False
        if in_comment or "<!--" in text:
            text, in_comment = _uncommented(text, in_comment)
        nxt = texts[i + 1] if i + 1 < len(texts) and not fence[i + 1] else ""
        if ("#" in text and _HEADING_START_RE.match(text)) or (text.lstrip(" ")[:1] in ("=", "-") and _SETEXT_RE.match(text)):
            prev_blank, in_list, cols = True, False, 0  # a heading ends its block: an indented line after it is code
            continue
        if not cols and "|" in text and _TABLE_SEP_RE.match(nxt):
            cols = len(_split_row(text))
        elif cols and _TABLE_SEP_RE.match(text):
            continue
        if ("<" in text and _HTML_LINE_RE.match(text)) or ("]" in text and _REF_DEF_RE.match(text)):
            prev_blank = True  # Python-Markdown takes the line out of its block: an indented line after it may be code
            continue
        if "`" not in text and (open_run or not _MAYBE_RE.search(text)):
            continue  # inside a code span still open, or nothing shaped like a reference: no state to carry on
        if nxt.lstrip(" ")[:1] in ("=", "-") and _SETEXT_RE.match(nxt) and not _LIST_RE.match(text):
            continue
        text, open_run = _mask_code(text, open_run)
        if cols:
            text = _within_columns(text, cols)
        text = _MASKS_RE.sub(lambda m: _MASK * len(m.group(0)), text)
        text = _SHORTCUT_RE.sub(lambda m: _MASK * len(m.group(0)) if m.group("text").strip().lower() in defined else m.group(0), text)
        out.extend(find_refs(text, nos[i]))
    return out


def _within_columns(row: str, cols: int) -> str:
    """A table row with the cells past the table's ``cols`` columns masked (Python-Markdown drops them).

    >>> _within_columns("| a | b | #1", 2).replace(_MASK, "~")
    '| a | b ~~~~'
    """
    start = len(row) - len(row.lstrip())
    if row.startswith("|", start):
        start += 1
    seen = 0
    for k in range(start, len(row)):
        if row[k] == "|" and row[k - 1] != "\\":
            seen += 1
            if seen == cols:
                return row[:k] + _MASK * (len(row) - k)
    return row


def _uncommented(text: str, inside: bool) -> tuple[str, bool]:
    """The line with the parts inside ``<!-- -->`` masked, and whether a comment is still open at its end."""
    out, pos = [], 0
    while pos < len(text):
        if inside:
            end = text.find("-->", pos)
            if end < 0:
                out.append(_MASK * (len(text) - pos))
                return "".join(out), True
            out.append(_MASK * (end + 3 - pos))
            pos, inside = end + 3, False
        else:
            start = text.find("<!--", pos)
            if start < 0:
                out.append(text[pos:])
                break
            out.append(text[pos:start])
            pos, inside = start, True
    return "".join(out), inside


def _mask_code(text: str, open_run: str) -> tuple[str, str]:
    """The line with its code spans masked; ``open_run`` is a span opened on an earlier line and not closed."""
    out, pos = [], 0
    for m in _CODE_RUN_RE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == "\\" and not open_run:
            continue  # ``\``` is a backtick shown as is
        if not open_run:
            out.append(text[pos:m.start()])
            pos, open_run = m.start(), m.group(0)
        elif m.group(0) == open_run:
            out.append(_MASK * (m.end() - pos))
            pos, open_run = m.end(), ""
    if open_run:  # open to the end of the line (and maybe closed further down the paragraph)
        out.append(_MASK * (len(text) - pos))
    else:
        out.append(text[pos:])
    return "".join(out), open_run


# -- where each reference links --------------------------------------------------------------------
@dataclass(frozen=True)
class LinkRules:
    """Where references link: the repository of ``#123`` (and its server), and the trackers' URL templates."""

    provider: str | None = None
    """``github`` or ``gitlab``; None: ``#123`` and ``owner/repo#123`` stay text."""
    server: str = ""
    """``https://github.com`` (or a GitHub Enterprise / self-hosted GitLab server)."""
    repo: str = ""
    """``owner/repo`` (GitLab: ``group/sub/project``)."""
    trackers: tuple[tuple[str, str], ...] = ()
    """``(key, template)``: ``PROJ-123`` links to the template with ``{key}`` = ``PROJ-123``, ``{id}`` = ``123``."""

    def url(self, ref: IssueRef) -> str | None:
        """The URL of a reference, or None when nothing says where it goes."""
        if ref.key is not None:
            template = dict(self.trackers).get(ref.key)
            if template is None:
                return None
            return _quoted(template.replace("{key}", ref.text).replace("{id}", ref.number))
        if self.provider is None:
            return None
        repo = ref.repo or self.repo
        if self.provider == "github" and repo.count("/") != 1:
            return None  # GitHub has no groups: ``a/b/c#1`` names no repository
        issues = "/-/issues/" if self.provider == "gitlab" else "/issues/"
        return _quoted(f"{self.server}/{repo}{issues}{ref.number}")

    def links(self, refs: Iterable[IssueRef]) -> list[tuple[IssueRef, str]]:
        """The references that link somewhere, with their URLs, in order."""
        out = []
        for r in refs:
            url = self.url(r)
            if url is not None:
                out.append((r, url))
        return out


def _quoted(url: str) -> str:
    """A URL with the characters that may not stand in one (spaces, quotes, angle brackets) percent-encoded."""
    return quote(url, safe=":/?#[]@!$&()*+,;=%~")


def link_rules(repo_url: str | None, options: Mapping[str, Any] | bool | None = None) -> LinkRules:
    """The rules from MkDocs' ``repo_url`` and the ``links`` option (``false``: no links at all).

    The server is GitHub for ``github.com`` and hosts named ``github.*`` (Enterprise), GitLab for
    ``gitlab.com`` and ``gitlab.*``; ``provider: github|gitlab`` names it for any other host.

    Raises:
        ValueError: An option is not one the rules can use (the message says what to write).

    >>> link_rules("https://gitlab.example.com/group/sub/project.git").url(IssueRef("#4", 1, number="4"))
    'https://gitlab.example.com/group/sub/project/-/issues/4'
    >>> link_rules("https://code.example.com/acme/app", {"provider": "github"}).server
    'https://code.example.com'
    """
    if options is False:
        return LinkRules()
    opts = dict(options) if isinstance(options, Mapping) else {}
    unknown = sorted(set(opts) - {"provider", "trackers"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; the keys are provider and trackers")
    provider = opts.get("provider")
    if provider is not None and provider not in PROVIDERS:
        raise ValueError(f"provider must be one of {', '.join(PROVIDERS)}; got {provider!r}")
    trackers = _trackers(opts.get("trackers") or {})
    server, repo = "", ""
    if repo_url:
        parts = urlsplit(repo_url.strip())
        host = (parts.hostname or "").lower()
        if parts.scheme in ("http", "https") and host:
            if provider is None:
                name = host.removeprefix("www.")
                provider = next((p for p in PROVIDERS if name == f"{p}.com" or name.startswith(f"{p}.")), None)
            path = [s for s in parts.path.split("/-/")[0].split("/") if s]
            if provider == "github":
                path = path[:2]
            if path:
                path[-1] = path[-1].removesuffix(".git")
            server = f"{parts.scheme}://{parts.netloc}".rstrip("/")
            repo = "/".join(path) if len(path) >= 2 else ""
    if not repo:
        provider = None
    return LinkRules(provider, server, repo, trackers)


def _trackers(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise ValueError(f"trackers must map keys to URL templates ({{PROJ: 'https://jira.example.com/browse/{{key}}'}}); got {value!r}")
    out = []
    for key, template in value.items():
        if not isinstance(key, str) or not _TRACKER_KEY_RE.match(key):
            raise ValueError(f"tracker key {key!r} must be capital letters, digits or _, two or more, starting with a letter (PROJ)")
        if not isinstance(template, str) or not re.match(r"^https?://[^\s/]", template.strip()):
            raise ValueError(f"tracker {key}: the URL template must start with https:// or http://; got {template!r}")
        if "{key}" not in template and "{id}" not in template:
            raise ValueError(f"tracker {key}: the URL template needs {{key}} (PROJ-123) or {{id}} (123); got {template!r}")
        out.append((key, template.strip()))
    return tuple(out)
