# SPDX-License-Identifier: MIT
"""Property tests (issue 7): whatever an author writes, the page renders, keeps every word and is well-formed.

Three families of input:

* **generated** milestone documents (a grammar of the format: title, metadata lines, summary,
  criteria and risk tables, phases with tasks, checklists, nested lists, fences, box diagrams,
  raw HTML blocks, extra and empty sections, duplicated phase numbers);
* **mutated** real documents (``tests/data/seed_example.md`` and ``demo_site/milestones/*.md``):
  truncation anywhere (mid-table too), line deletions, duplications and swaps, unclosed fences,
  duplicated phase numbers, emptied sections, CRLF, a BOM, tabs, nested lists, raw HTML blocks,
  random bytes decoded with ``errors="replace"``;
* one **10,000-line** document.

Properties:

1. ``markdown.markdown(text, extensions=["mkdocs_milestones"])`` and ``parse_milestone`` never
   raise, and the page is never degraded (the extension's "could not render" safety net, which
   turns an internal error into a warning, must not fire: it exists for bugs, not for input).
2. **Content preservation.** A *word* is a maximal run of letters and digits (``[^\\W_]+``,
   Unicode-aware, case-sensitive), counted with multiplicity. Two oracles:

   * *source words* (generated and real documents): the words of the source after the syntax
     stripping rendering does. Not text, and so removed before counting: code-fence info strings
     (```` ```python ````), HTML tags with their names and attributes and HTML comments (the text
     between tags stays), link and image destinations and titles (``](url "title")``), task-list
     markers (``[x]``), ordered-list numbers (``2.``: the list numbers itself), and the ``MILESTONE:`` keyword of the title (the card says "Milestone";
     the export's title is defined without it). Character references are not generated.
   * *differential* (mutated documents, random bytes): the words of stock Python-Markdown's
     rendering of the same text (``tables`` + ``fenced_code``, after the same mojibake repair the
     extension does first), i.e. exactly the host's own syntax stripping, entity decoding and
     raw-HTML policy; task markers and the ``MILESTONE`` keyword excluded as above.

   The page's text is the text nodes of the output plus ``alt`` attributes, *minus* what the
   plugin generates on its own (the graph, kicker, badge labels, progress bar, checkbox counts):
   those repeat or invent words and would hide a loss (the graph repeats every phase title).
3. **Well-formed output.** Tags balance (an HTML-aware stack check: void elements, ``<x/>``) and
   html5lib (a full HTML5 tree builder) reports no parse error, e.g. no ``<div>`` inside ``<p>``.
   Generated documents without raw HTML must be clean; for any other input, a page that stock
   Python-Markdown renders cleanly must stay clean with the extension (an author's own broken
   HTML is the author's).

Bounded: each property runs a fixed number of examples (``max_examples``) without deadline;
the whole file takes a few seconds.
"""

from __future__ import annotations

import functools
import logging
import random
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from conftest import milestone_log
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.parser import parse_milestone

try:
    from mkdocs_milestones.mojibake import fix_mojibake
except ImportError:  # pragma: no cover - the repair module is optional for this file

    def fix_mojibake(text: str) -> str:
        return text


try:
    import html5lib
except ImportError:  # pragma: no cover - html5lib is in the test extras
    html5lib = None

ROOT = Path(__file__).parents[1]
SEED = ROOT / "tests" / "data" / "seed_example.md"
DEMO = sorted((ROOT / "demo_site" / "milestones").glob("*.md"))
REAL_DOCS = {p.name: p.read_text(encoding="utf-8") for p in [SEED, *DEMO]}

EXT = ["mkdocs_milestones"]
STOCK = ["tables", "fenced_code"]
WORD_RE = re.compile(r"[^\W_]+")
BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- rendering and oracles ------------------------------------------------------------------------

def render(text: str, meta: dict | None = None, **config: object) -> str:
    """Our rendering; fails when the page was degraded to plain Markdown by an internal error.

    ``meta``: front matter the host split off, told to the extension as the MkDocs plugin does.
    """
    with milestone_log(logging.DEBUG, quiet=True) as messages:  # document warnings are expected here
        if meta is None:
            out = markdown.markdown(text, extensions=EXT, extension_configs={"mkdocs_milestones": config})
        else:
            ctx = PageContext(file="page.md", url="page/", line_offset=3, meta=meta, host="mkdocs")
            ext = MilestonesExtension(provider=lambda md: ctx, **config)
            out = markdown.Markdown(extensions=[ext]).convert(text)
    degraded = [m for m in messages if "could not render" in m]
    assert not degraded, degraded[0]
    return out


@functools.lru_cache(maxsize=8)
def render_stock(text: str) -> str:
    """What the host shows without us (after the repair our extension does first)."""
    return markdown.markdown(fix_mojibake(text), extensions=STOCK)


# Elements the plugin generates on its own: their words repeat the page (graph) or are invented.
_GENERATED_CLASSES = {"ms-graph-wrap", "mermaid", "ms-kicker", "ms-badge-label", "ms-progress", "ms-phase-checks"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextOf(HTMLParser):
    """The page's text (text nodes and ``alt``), skipping the plugin's generated decorations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if not self._skipping() and a.get("alt"):
            self.parts.append(f" {a['alt']} ")
        self.parts.append(" ")
        if tag not in _VOID:
            self.stack.append((tag, bool(_GENERATED_CLASSES & set((a.get("class") or "").split()))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if not self._skipping() and a.get("alt"):
            self.parts.append(f" {a['alt']} ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.parts.append(data)


def page_text(html: str) -> str:
    p = _TextOf()
    p.feed(html)
    p.close()
    return "".join(p.parts)


def words(text: str) -> Counter[str]:
    return Counter(WORD_RE.findall(text))


_MILESTONE_KW_RE = re.compile(r"^\s*(?:\*\*|__)?(milestone)(?:\*\*|__)?\s*[:\-\u2013\u2014]", re.IGNORECASE)


def _keyword(stock_html: str) -> Counter[str]:
    """The ``MILESTONE`` keyword of the first ``<h1>`` (the host's reading), if the page has it."""
    m = re.search(r"<h1[^>]*>(.*?)</h1>", stock_html, re.DOTALL)
    k = _MILESTONE_KW_RE.match(page_text(m.group(1))) if m else None
    return Counter([k.group(1)]) if k else Counter()


_FENCE_OPEN_RE = re.compile(r"^([ \t]*(?:`{3,}|~{3,}))[^\n]*$", re.MULTILINE)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>")
_LINK_DEST_RE = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_TASK_RE = re.compile(r"\[[ xX]\]")
_ORDERED_RE = re.compile(r"^([ \t>]*)\d+[.)](?=[ \t]|$)", re.MULTILINE)


def source_words(text: str) -> Counter[str]:
    """The words of a Markdown source, stripped of what rendering does not show as text (see above)."""
    text = fix_mojibake(text)
    text = _FENCE_OPEN_RE.sub(lambda m: m.group(1), text)  # the info string of a fence is not text
    text = _COMMENT_RE.sub(" ", text)
    text = _TAG_RE.sub(" ", text)
    text = _LINK_DEST_RE.sub("] ", text)
    text = _TASK_RE.sub(" ", text)
    text = _ORDERED_RE.sub(lambda m: m.group(1), text)  # "2." of an ordered list is the list's numbering
    return words(text) - _keyword(render_stock(text))


def stock_words(text: str) -> Counter[str]:
    stock = render_stock(text)
    # A list written straight under a paragraph is literal text to the host and a list to us.
    shown = _ORDERED_RE.sub(lambda m: m.group(1), _TASK_RE.sub(" ", page_text(stock)))
    # Where the host shows a line as code and we, nesting lists as GitHub does, as a list item, its raw
    # tags and link destinations are markup for us (prose follows the host's rules), not shown text.
    source = fix_mojibake(text)
    markup = words(" ".join(_TAG_RE.findall(source) + _LINK_DEST_RE.findall(source)))
    return words(shown) - _keyword(stock) - markup


def lost_words(expected: Counter[str], html: str) -> dict[str, int]:
    got = words(page_text(html))
    return {w: n - got[w] for w, n in expected.items() if got[w] < n}


def assert_words_kept(expected: Counter[str], html: str) -> None:
    lost = lost_words(expected, html)
    assert not lost, f"words lost by the rendering (word: missing count): {lost}"


def balance_errors(html: str) -> list[str]:
    """Unbalanced or misnested tags, HTML-aware (void elements; ``<x/>`` closes itself)."""
    errors: list[str] = []
    stack: list[str] = []

    class P(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in _VOID:
                stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if tag in _VOID:
                return
            if not stack or stack[-1] != tag:
                errors.append(f"</{tag}> closes <{stack[-1] if stack else '(nothing)'}> at {self.getpos()}")
                if tag in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(tag):]
            else:
                stack.pop()

    p = P(convert_charrefs=True)
    p.feed(html)
    p.close()
    errors += [f"<{t}> never closed" for t in stack]
    return errors


def html5_errors(html: str) -> list[str]:
    if html5lib is None:  # pragma: no cover
        return []
    parser = html5lib.HTMLParser()
    parser.parseFragment(html, container="div")
    return [f"{code} {vars_}" for _, code, vars_ in parser.errors]


def well_formed_errors(html: str) -> list[str]:
    return balance_errors(html) + html5_errors(html)


def check_page(text: str, *, source: bool = False, clean: bool | None = None, meta: dict | None = None, **config: object) -> str:
    """Render ``text`` and check the three properties; returns our HTML.

    The differential oracle always applies. With ``source``, every source word must be on the page
    too, unless the host itself drops it (Python-Markdown drops the cells of a table row beyond the
    header's count, for instance): losing words is then the host's doing, not ours.
    """
    ours = render(text, meta, **config)
    if meta is not None:
        assert 'class="ms-card"' in ours  # the host's front matter made it a milestone page
    parse_milestone(text)
    parse_milestone(text, meta={"milestone": True}, file="x.md", first_line=5)
    stock = render_stock(text)
    assert_words_kept(stock_words(text), ours)
    if source and not lost_words(source_words(text), stock):
        assert_words_kept(source_words(text), ours)
    errors = well_formed_errors(ours)
    if clean is None:  # as clean as the host's own rendering
        clean = not well_formed_errors(stock)
    if clean:
        assert not errors, f"ill-formed output: {errors[:5]}"
    return ours


# -- a grammar of milestone documents ------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éßøçÅЖжλΩ日本"
word = st.one_of(
    st.sampled_from(
        ["status", "priority", "done", "pending", "blocked", "high", "low", "phase", "goal", "dependencies", "tasks", "none", "wip", "todo", "criteria", "risk", "notes", "api", "db", "café", "Größe", "日本", "v2", "2026", "x", "X"]
    ),
    st.text(_LETTERS, min_size=1, max_size=8),
)
emoji = st.sampled_from(["✅", "⏳", "🔄", "❌", "🚧", "⛔", "🟡", "🔴", "🟢", "✔️", "☑️", "🚫"])


@st.composite
def inline(draw: st.DrawFn, *, html: bool = True, max_words: int = 6) -> str:
    """A run of inline Markdown: words, emphasis, code, links, images, emoji (and inline HTML)."""
    parts = []
    for _ in range(draw(st.integers(1, max_words))):
        w = draw(word)
        kind = draw(st.sampled_from(["plain"] * 6 + ["bold", "em", "code", "link", "image", "emoji", "paren"] + (["html"] if html else [])))
        if kind == "link":
            parts.append(f"[{w}](https://example.com/{draw(word)} \"{draw(word)}\")")
        elif kind == "image":
            parts.append(f"![{w}](img/{draw(word)}.png)")
        elif kind == "emoji":
            parts.append(f"{draw(emoji)} {w}")
        elif kind == "html":
            parts.append(f'<span class="{draw(word)}">{w}</span>')
        else:
            parts.append({"plain": "{}", "bold": "**{}**", "em": "*{}*", "code": "`{}`", "paren": "({} lines)"}[kind].format(w))
    return " ".join(parts)


LABELS = ["Status", "Priority", "Created", "Completed", "Estimated Duration", "Goal", "Dependencies", "Commit", "Owner", "Objective"]


@st.composite
def label_line(draw: st.DrawFn, html: bool) -> str:
    label = draw(st.sampled_from(LABELS))
    value = draw(st.one_of(inline(html=html, max_words=3), emoji.map(lambda e: e), st.just("")))
    if label == "Dependencies":
        value = draw(st.sampled_from(["None", "Phase 0", "Phases 1-3", "Phase 1, Phase 2a", "Phase 99", value]))
    form = draw(st.sampled_from(["**{l}**: {v}", "**{l}:** {v}", "{l}: {v}", "__{l}__: {v}"]))
    return form.format(l=label, v=value).rstrip()


@st.composite
def list_block(draw: st.DrawFn, html: bool) -> list[str]:
    out = []
    for _ in range(draw(st.integers(1, 5))):
        indent = draw(st.sampled_from(["", "", "  ", "    ", "\t"]))
        marker = draw(st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "* [X] "]))
        out.append(f"{indent}{marker}{draw(inline(html=html))}")
    return out


@st.composite
def table_block(draw: st.DrawFn, kind: str) -> list[str]:
    risk = ["Risk", draw(st.sampled_from(["Likelihood", "Chance", "Probability"])), draw(st.sampled_from(["Impact", "Severity"])), "Mitigation"]
    header = {"criteria": ["Metric", "Target", "Status"], "risk": risk}.get(kind) or [
        draw(word) for _ in range(draw(st.integers(1, 4)))
    ]
    rows = [f"| {' | '.join(header)} |", "|" + "|".join("---" for _ in header) + "|"]
    for _ in range(draw(st.integers(0, 4))):
        cells = [draw(st.one_of(inline(html=False, max_words=3), emoji, st.just(""))) for _ in header]
        rows.append(f"| {' | '.join(cells)} |")
    return rows


@st.composite
def fence_block(draw: st.DrawFn) -> list[str]:
    fence = draw(st.sampled_from(["```", "~~~", "````"]))
    info = draw(st.sampled_from(["", "bash", "python", "text", "rust title=x"]))
    body = draw(st.lists(st.one_of(inline(html=False), st.sampled_from(["┌──┐", "│ A │", "└──┘", "**Status**: done", "- [x] in code", "# MILESTONE: no"])), max_size=4))
    closed = draw(st.booleans()) or draw(st.booleans())
    return [f"{fence}{info}", *body] + ([fence] if closed else [])


@st.composite
def html_block(draw: st.DrawFn) -> list[str]:
    tag = draw(st.sampled_from(["div", "details", "section", "table"]))
    inner = draw(inline(html=False))
    if tag == "details":
        return ["<details>", f"<summary>{draw(word)}</summary>", inner, "</details>"]
    if tag == "table":
        return ['<table class="x">', f"<tr><td>{inner}</td></tr>", "</table>"]
    return [f'<{tag} class="{draw(word)}">', inner, f"</{tag}>"]


@st.composite
def body_block(draw: st.DrawFn, html: bool) -> list[str]:
    kinds = ["para", "label", "labels", "list", "legend", "label_list", "table", "fence", "hr", "quote", "empty"] + (["html"] if html else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "para":
        return [draw(inline(html=html)) for _ in range(draw(st.integers(1, 3)))]
    if kind == "label":
        return [draw(label_line(html))]
    if kind == "labels":  # consecutive label lines: one paragraph in stock Markdown
        return [draw(label_line(html)) for _ in range(draw(st.integers(2, 4)))]
    if kind == "list":
        return draw(list_block(html))
    if kind == "legend":  # the format guide's status legend: "- ⏳ Pending - not started"
        return [f"- {draw(emoji)} {draw(word)}{draw(st.sampled_from([' - ', ' – ', ': ', ' ']))}{draw(inline(html=html, max_words=3))}" for _ in range(draw(st.integers(1, 4)))]
    if kind == "label_list":  # a checklist straight under a label line
        return [f"**{draw(st.sampled_from(['Tasks', 'Success Criteria', 'Current State']))}**:", *draw(list_block(html))]
    if kind == "table":
        return draw(table_block(draw(st.sampled_from(["criteria", "risk", "other"]))))
    if kind == "fence":
        return draw(fence_block())
    if kind == "hr":
        return ["---"]
    if kind == "quote":
        return ["> " + draw(inline(html=html))]
    if kind == "html":
        return draw(html_block())
    return []


@st.composite
def milestone_doc(draw: st.DrawFn, *, html: bool = True, keyword: bool = True) -> str:
    """A milestone document in the format's shape, with the variations authors write.

    ``keyword=False``: the title has no ``MILESTONE:`` and no front matter is written (the host
    passes ``milestone: true`` from front matter it split off itself).
    """
    blocks: list[list[str]] = []
    if keyword and draw(st.booleans()):
        blocks.append(["---", "milestone: true", f"title: {draw(word)}", "---"])
    prefix = draw(st.sampled_from(["MILESTONE: ", "Milestone: ", "milestone - ", "**MILESTONE**: "])) if keyword else ""
    blocks.append([f"# {prefix}{draw(inline(html=html, max_words=4))}"])
    blocks.append([draw(label_line(html)) for _ in range(draw(st.integers(0, 5)))])
    sections = draw(st.lists(st.sampled_from(["summary", "criteria", "phases", "risk", "notes", "extra", "empty"]), max_size=6))
    for name in sections:
        level = draw(st.sampled_from(["##", "##", "###", "#"]))
        if name == "phases":
            blocks.append([f"{level} Phase Breakdown"])
            ids = draw(st.lists(st.sampled_from(["0", "1", "2", "2a", "3", "10", "b", "1.5"]), min_size=1, max_size=5))
            for pid in ids:  # duplicates happen on purpose
                plevel = draw(st.sampled_from(["###", "###", "##", "####"]))
                sep = draw(st.sampled_from([": ", " - ", ". ", " "]))
                est = draw(st.sampled_from(["", " (1 session)", " (2 days)", " (~3 weeks)"]))
                blocks.append([f"{plevel} {draw(st.sampled_from(['Phase', 'Stage', 'PHASE', '**Phase']))} {pid}{sep}{draw(inline(html=html, max_words=3))}{est}"])
                blocks.append([draw(label_line(html)) for _ in range(draw(st.integers(0, 4)))])
                for sub in draw(st.lists(st.sampled_from(["Tasks", "Deliverables", "Validation Gate", "Success Criteria"]), max_size=3)):
                    blocks.append([f"#### {sub}"])
                    blocks.extend(draw(st.lists(body_block(html), max_size=2)))
        else:
            title = {"summary": "Executive Summary", "criteria": "Success Criteria", "risk": "Risk Assessment", "notes": "Notes"}.get(
                name, draw(inline(html=False, max_words=3))
            )
            blocks.append([f"{level} {title}"])
            if name == "criteria":
                blocks.append(draw(table_block("criteria")))
            elif name == "risk":  # one risk table or two
                tables = draw(st.lists(table_block("risk"), min_size=1, max_size=2))
                blocks.append([line for t in tables for line in [*t, ""]][:-1])  # a blank line between them
            elif name != "empty":
                blocks.extend(draw(st.lists(body_block(html), max_size=3)))
    sep = draw(st.sampled_from(["\n\n", "\n\n", "\n"]))  # sometimes no blank line between blocks
    text = sep.join("\n".join(b) for b in blocks if b) + "\n"
    return text


# -- mutations of real documents ----------------------------------------------------------------

MUTATIONS = (
    "truncate", "truncate_table", "delete_line", "duplicate_line", "swap_lines", "unclosed_fence",
    "duplicate_phase", "renumber_phase", "empty_section", "crlf", "bom", "tabs", "nest_list",
    "html_block", "unclosed_html", "random_bytes", "blank_lines_out",
)


def mutate(text: str, ops: list[tuple[str, int, bytes]]) -> str:
    for op, n, raw in ops:
        lines = text.split("\n")
        i = n % max(1, len(lines))
        if op == "truncate":
            text = text[: n % (len(text) + 1)]
        elif op == "truncate_table":
            rows = [k for k, ln in enumerate(lines) if ln.lstrip().startswith("|")]
            if rows:
                k = rows[n % len(rows)]
                text = "\n".join(lines[:k] + [lines[k][: (n // 7) % (len(lines[k]) + 1)]])
        elif op == "delete_line":
            text = "\n".join(lines[:i] + lines[i + 1:])
        elif op == "duplicate_line":
            text = "\n".join(lines[: i + 1] + lines[i:])
        elif op == "swap_lines":
            j = (n // 3) % max(1, len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "unclosed_fence":
            text = "\n".join(lines[:i] + ["```" + ("python" if n % 2 else "")] + lines[i:])
        elif op in ("duplicate_phase", "renumber_phase", "empty_section"):
            heads = [k for k, ln in enumerate(lines) if ln.startswith("#")]
            if not heads:
                continue
            k = heads[n % len(heads)]
            nxt = next((h for h in heads if h > k), len(lines))
            if op == "duplicate_phase":
                text = "\n".join(lines[:nxt] + lines[k:nxt] + lines[nxt:])
            elif op == "renumber_phase":
                lines[k] = re.sub(r"(?i)(phase\s+)\w+", r"\g<1>1", lines[k])
                text = "\n".join(lines)
            else:
                text = "\n".join(lines[: k + 1] + lines[nxt:])
        elif op == "crlf":
            text = text.replace("\n", "\r\n")
        elif op == "bom":
            text = "\ufeff" + text
        elif op == "tabs":
            text = "\n".join(re.sub(r"^(  +)", lambda m: "\t" * (len(m.group(1)) // 2), ln) if k % 2 == n % 2 else ln + "\t" for k, ln in enumerate(lines))
        elif op == "nest_list":
            items = [k for k, ln in enumerate(lines) if re.match(r"\s*(?:[-*+]|\d+\.)\s", ln)]
            if items:
                k = items[n % len(items)]
                lines[k] = " " * (2 + 2 * (n % 3)) + lines[k]
                lines.insert(k + 1, " " * (4 + 2 * (n % 3)) + "- [ ] nested item " + str(n))
                text = "\n".join(lines)
        elif op == "html_block":
            j = min(len(lines), i + 1 + n % 4)
            text = "\n".join(lines[:i] + ["", '<div class="raw">'] + lines[i:j] + ["</div>", ""] + lines[j:])
        elif op == "unclosed_html":
            text = "\n".join(lines[:i] + ["", "<details><summary>more</summary>", ""] + lines[i:])
        elif op == "random_bytes":
            pos = n % (len(text) + 1)
            text = text[:pos] + raw.decode("utf-8", errors="replace") + text[pos:]
        elif op == "blank_lines_out":
            text = re.sub(r"\n\n+", "\n", text) if n % 2 else text.replace("\n\n", "\n\n\n")
    return text


mutation = st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 2**20), st.binary(max_size=48))


# -- the properties -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(REAL_DOCS))
def test_real_documents_keep_every_source_word(name: str) -> None:
    assert not lost_words(source_words(REAL_DOCS[name]), render_stock(REAL_DOCS[name]))
    check_page(REAL_DOCS[name], source=True, clean=True)


@BOUNDED
@given(milestone_doc(html=False), st.sampled_from([{}, {"open_phases": "all"}, {"graph": "mermaid"}, {"graph": "none", "fix_mojibake": False}]))
def test_generated_documents_without_raw_html(text: str, config: dict) -> None:
    """The format's grammar with inline Markdown only: all words kept, and the page is clean HTML."""
    assert render_stock(text)  # the host renders it
    check_page(text, source=True, clean=True, **config)


@BOUNDED
@given(milestone_doc(html=True))
def test_generated_documents_with_raw_html(text: str) -> None:
    check_page(text, source=True)


@BOUNDED
@given(st.sampled_from(sorted(REAL_DOCS)), st.lists(mutation, min_size=1, max_size=5))
def test_mutated_real_documents(name: str, ops: list) -> None:
    check_page(mutate(REAL_DOCS[name], ops))


@BOUNDED
@given(milestone_doc(html=True), st.lists(mutation, min_size=1, max_size=4))
def test_mutated_generated_documents(text: str, ops: list) -> None:
    check_page(mutate(text, ops))


@BOUNDED
@given(milestone_doc(html=True, keyword=False), st.sampled_from([{"milestone": True}, {"milestone": True, "depends_on": "x.md", "status": "done"}]))
def test_host_front_matter_makes_the_milestone(text: str, meta: dict) -> None:
    """Under MkDocs the front matter is gone from the text: ``milestone: true`` arrives as page meta."""
    check_page(text, source=True, meta=meta)


def test_front_matter_title_does_not_replace_the_heading() -> None:
    check_page("# Real words here\n\n**Status**: done\n", source=True, meta={"milestone": True, "title": "Foo"})


_MD_CHARS = "#*_`|-[]()<>!:\\ \t\n~=+.0123456789abcXYZ\u00e9\u2705\u2500\u00e2\u20ac"


@BOUNDED
@given(st.binary(max_size=400), st.text(_MD_CHARS, max_size=300))
def test_random_bytes_and_markdown_noise(raw: bytes, noise: str) -> None:
    """Random bytes (decoded with errors="replace") and Markdown-punctuation noise under a milestone title."""
    for text in (raw.decode("utf-8", errors="replace"), noise, raw.decode("cp1252", errors="replace") + noise):
        parse_milestone(text)
        check_page("# MILESTONE: fuzz\n" + text)
        check_page("---\nmilestone: true\n---\n" + text)


@BOUNDED
@given(st.text(max_size=200))
def test_front_matter_of_any_shape(yaml_body: str) -> None:
    """Front matter that is not a mapping, is broken YAML, or has odd ``depends_on``/``title`` values."""
    for fm in (yaml_body, "milestone: true\ndepends_on: 5\ntitle: [1, 2]\nstatus: {a: b}\n", "milestone: true\n" + yaml_body):
        text = f"---\n{fm}\n---\n# MILESTONE: front\n\n**Status**: done\n"
        parse_milestone(text)
        check_page(text)


def ten_thousand_lines(seed: int = 7) -> str:
    rng = random.Random(seed)
    vocab = ["alpha", "beta", "gamma", "delta", "parser", "export", "layout", "cache", "index", "search", "plugin", "2026", "café"]

    def ws(n: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(n))

    out = ["# MILESTONE: Ten thousand lines", "", "**Status**: 🔄 IN PROGRESS", "**Priority**: 🟡 HIGH", "", "## Success Criteria", "",
           "| Metric | Target | Status |", "|---|---|---|"]
    out += [f"| {ws(3)} | {ws(2)} | {rng.choice(['✅ Achieved', '⏳ Pending', '❌ Failed'])} |" for _ in range(40)]
    out += ["", "## Phase Breakdown", ""]
    k = 0
    while len(out) < 10_000:
        deps = "None" if k == 0 else f"Phase {rng.randrange(k)}"
        out += [f"### Phase {k}: {ws(3)} (1 session)", "", f"**Status**: {rng.choice(['✅ completed', '🔄 in-progress', '⏳ Pending'])}",
                f"**Goal**: {ws(8)}", f"**Dependencies**: {deps}", "", "#### Tasks", ""]
        for t in range(1, 4):
            out += [f"{t}. **{ws(2)}** (~{rng.randrange(10, 300)} lines)", f"   - {ws(5)}"]
        out += ["", "```bash", f"make {ws(1)}", "```", "", "#### Success Criteria", ""]
        out += [f"- [{rng.choice(' x')}] {ws(4)}" for _ in range(4)]
        out += ["", f"**Commit**: `feat: {ws(3)}`", "", "---", ""]
        k += 1
    out += ["## Risk Assessment", "", "| Risk | Likelihood | Impact | Mitigation |", "|---|---|---|---|"]
    out += [f"| {ws(3)} | Low | High | {ws(4)} |" for _ in range(20)]
    return "\n".join(out[:10_000]) + "\n"


def test_ten_thousand_line_document() -> None:
    text = ten_thousand_lines()
    assert text.count("\n") == 10_000
    ms = parse_milestone(text)
    assert ms is not None and len(ms.phases) > 300
    assert not lost_words(source_words(text), render_stock(text))
    check_page(text, source=True, clean=True)


@pytest.mark.parametrize(("item", "rendered"), [
    ('<span class="status">status</span>', '<span class="status">status</span>'),
    ('[status](https://example.com/status "status")', '<a href="https://example.com/status" title="status">status</a>'),
])
def test_markup_in_a_nested_item_is_not_lost_words(item: str, rendered: str) -> None:
    """Found by hypothesis: the host shows the 4-space line as code, we nest it as GitHub does."""
    html = check_page(f"# MILESTONE: m\n\n**Tasks**:\n- status\n\n    - status status {item}\n", source=True)
    assert f"<li>status status {rendered}</li>" in html


def test_label_lines_right_under_a_table_stay_its_rows() -> None:
    """Found by hypothesis: separating them ended the table early, and a later row lost a cell.

    (A heading there now ends the table, as on GitHub and for the parser; the hypothesis example had one,
    after which a two-column table drops a three-cell row's last cell, as Python-Markdown and GitHub do.)
    """
    text = (
        "# status\n**Status**: done\n## Success Criteria\n| Metric | Target | Status |\n|---|---|---|\n"
        "**Status**: status\n**Status**: status\nTasks\n| status | status |\n|---|---|\n"
        "| Metric | Target | Status |\n"
    )
    check_page(text, source=True, meta={"milestone": True})
