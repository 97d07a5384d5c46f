# SPDX-License-Identifier: MIT
"""Escaping for every place author text goes, and the one rule for which URLs may be links.

* :func:`esc`: HTML text and quoted attribute values (roadmap, timeline);
* :func:`xml_text` / :func:`xml_attr`: SVG (XML: invalid characters dropped, attributes quoted here);
* :func:`mermaid_label`: a quoted Mermaid label (its own entity codes);
* :func:`protect`: Markdown text we move into generated elements (raw HTML shown as text, Markdown kept);
* :func:`markdown_text`: plain text written into Markdown we generate (a roadmap page's heading), shown as is;
* :func:`inert_title`: a page title that stays text after a theme un-escapes it once more;
* :func:`safe_url` (links, graph nodes) and :func:`safe_image_src` (inline images).

JSON is escaped by ``json.dumps`` (:mod:`mkdocs_milestones.export`).
"""

from __future__ import annotations

import html
import re

__all__ = ["esc", "inert_title", "markdown_text", "mermaid_label", "protect", "safe_image_src", "safe_url", "xml_attr", "xml_text"]

_CODE_SPAN_RE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_SAFE_SCHEME_RE = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVALID_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_XML_ATTR = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _xml_escape(s: str, entities: dict[str, str] | None = None) -> str:
    """``xml.sax.saxutils.escape``, without importing ``xml.sax`` (which brings ``urllib.request`` and ``http.client``
    into every build): ``&``, ``>`` and ``<``, then each of ``entities`` in its order."""
    s = s.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, entity in (entities or {}).items():
        s = s.replace(char, entity)
    return s


def esc(text: object) -> str:
    """Escape for HTML text and double- or single-quoted attributes (control characters dropped).

    >>> esc('<a href="x">\\x07')
    '&lt;a href=&quot;x&quot;&gt;'
    """
    return html.escape(_CONTROL_RE.sub("", str(text)), quote=True)


_MERMAID_CODES = str.maketrans({"#": "#35;", '"': "#quot;", "<": "#60;", ">": "#62;", "\n": " ", "\r": " "})


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label that shows exactly what the author wrote and can hold no markup.

    Mermaid reads quoted labels and renders them as HTML: ``#`` (its entity-code prefix), the double
    quote that would end the label, and the angle brackets of a tag become entity codes.

    >>> mermaid_label('a "b" <i>#1')
    '"a #quot;b#quot; #60;i#62;#35;1"'
    """
    return '"' + text.translate(_MERMAID_CODES) + '"'


def xml_text(s: str) -> str:
    """Text inside an SVG element."""
    return _xml_escape(_INVALID_XML_RE.sub("", s))


def xml_attr(s: str) -> str:
    """A quoted SVG attribute value, quotes included."""
    return '"' + _xml_escape(_INVALID_XML_RE.sub("", s), _XML_ATTR) + '"'


def protect(text: str) -> str:
    """Neutralise raw HTML in a structured field, leaving Markdown code spans alone.

    ``<`` becomes ``&lt;``, which Python-Markdown passes through as an entity, so the reader
    sees the tag as text and the browser never parses it.

    >>> protect("<img src=x onerror=alert(1)> and `<b>`")
    '&lt;img src=x onerror=alert(1)> and `<b>`'
    """
    if "<" not in text and type(text) is str:  # nothing to neutralise (the common case)
        return text
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN_RE.finditer(text):
        out.append(text[pos:m.start()].replace("<", "&lt;"))
        out.append(m.group(0))
        pos = m.end()
    out.append(text[pos:].replace("<", "&lt;"))
    return "".join(out)


_MARKDOWN_SPECIAL_RE = re.compile(r"[\\`*_\[\]{}#>]")


def markdown_text(text: str) -> str:
    r"""Plain text as Markdown that shows exactly that text on one line: spaces folded, ``&`` and ``<``
    as entities (Python-Markdown has no ``\<`` escape), the other specials backslash-escaped.

    >>> print(markdown_text("Plans <2026> & *next*  {#x}"))
    Plans &lt;2026\> &amp; \*next\* \{\#x\}
    """
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL_RE.sub(lambda m: "\\" + m.group(0), text)


def safe_url(url: str) -> bool:
    """True for links that cannot run script: relative paths, fragments, http(s) and mailto.

    The check reads the link as the browser will: character references decoded (``&#106;avascript:``,
    ``javascript&colon;``), then control characters and spaces dropped (``java\\tscript:``).

    >>> safe_url("javascript:alert(1)"), safe_url("../auth.md#phase-2"), safe_url("https://x.org")
    (False, True, True)
    >>> safe_url("&#106;avascript:alert(1)"), safe_url("java&#x09;script:x"), safe_url("javascript&colon;x")
    (False, False, False)
    """
    compact = url
    for _ in range(3):  # entities inside entities ("&amp;#106;") are what a second decoding pass would see
        decoded = html.unescape(compact)
        if decoded == compact:
            break
        compact = decoded
    compact = re.sub(r"[\x00-\x20\x7f]", "", compact)
    return bool(_SAFE_SCHEME_RE.match(compact))


def safe_image_src(src: str) -> bool:
    """True for an inline image (``data:image/...``), which an ``<img>`` shows and never runs.

    >>> safe_image_src("data:image/png;base64,iVBORw0KGgo="), safe_image_src("data:text/html,x")
    (True, False)
    """
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(src)).lower().startswith("data:image/")


def inert_title(title: str) -> str:
    """A page title (HTML text) that stays text after a theme un-escapes it once more.

    Themes print the title through Jinja's ``striptags``, which decodes character references:
    ``&lt;/title&gt;&lt;script&gt;`` would come out as a live tag in ``<head>``. A WORD JOINER
    (U+2060, invisible) after each ``<`` keeps any decoded ``<`` from starting a tag.

    >>> inert_title("&lt;/title&gt;&lt;script&gt;x") == "&lt;\\u2060/title&gt;&lt;\\u2060script&gt;x"
    True
    """
    return html.escape(html.unescape(title)).replace("&lt;", "&lt;\u2060")
