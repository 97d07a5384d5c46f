# SPDX-License-Identifier: MIT
"""A deterministic corpus for the mojibake benchmark: clean documents and garblers.

Clean documents are milestone plans (status emoji, arrows, check marks, tables, box diagrams
in the light, heavy, double and rounded families, code blocks) and multilingual prose (curly
quotes, dashes, guillemets, the euro sign, upper-case headings). Garblers encode a document as
UTF-8 and decode the bytes with a single-byte code page, the way broken tools do: keeping bytes
the page cannot represent as C1 controls, dropping them, or writing U+FFFD or ``?`` for them;
twice (Mac OS Roman first, too); or only on some lines or runs.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------
# Garblers
# --------------------------------------------------------------------------------------------


def _c1(err: UnicodeError) -> tuple[str, int]:
    if isinstance(err, UnicodeDecodeError):
        return "".join(chr(b) for b in err.object[err.start:err.end]), err.end
    raise err


def _qmark(err: UnicodeError) -> tuple[str, int]:
    if isinstance(err, UnicodeDecodeError):
        return "?" * (err.end - err.start), err.end
    raise err


codecs.register_error("mojibake_corpus_c1", _c1)
codecs.register_error("mojibake_corpus_q", _qmark)
_ERRORS = {"c1": "mojibake_corpus_c1", "drop": "ignore", "fffd": "replace",
           "q": "mojibake_corpus_q"}


def garble(text: str, codec: str, lost: str = "c1") -> str:
    """Mis-decode the UTF-8 form of ``text`` with ``codec``.

    Args:
        text: Clean text.
        codec: A single-byte codec name (``cp1252``, ``cp1254``, ``cp1250``, ``latin-1``,
            ``mac_roman``).
        lost: What happens to bytes the codec cannot represent: ``c1`` (kept as C1 controls),
            ``drop``, ``fffd`` (U+FFFD) or ``q`` (``?``).

    Returns:
        The garbled text.
    """
    return text.encode("utf-8").decode(codec, errors=_ERRORS[lost])


def garble_lines(text: str, codec: str, lost: str, rng: random.Random, share: float) -> str:
    """Garble only some lines (a document assembled from copy-pasted pieces)."""
    lines = text.split("\n")
    return "\n".join(garble(ln, codec, lost) if rng.random() < share else ln for ln in lines)


def garble_runs(text: str, codec: str, lost: str, rng: random.Random) -> str:
    """Garble only some stretches inside lines (a pasted phrase, a copied table cell)."""
    out = []
    for line in text.split("\n"):
        if len(line) > 12 and rng.random() < 0.5:
            a = rng.randrange(0, len(line) // 2)
            b = rng.randrange(a + 1, len(line) + 1)
            # Cut at spaces so that a pasted piece is whole words.
            a = line.rfind(" ", 0, a) + 1
            b_space = line.find(" ", b)
            b = len(line) if b_space < 0 else b_space
            line = line[:a] + garble(line[a:b], codec, lost) + line[b:]
        out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class Category:
    """A garbling category of the benchmark."""

    name: str
    lossless: bool
    apply: Callable[[str, random.Random], str]


def _whole(codec: str, lost: str) -> Callable[[str, random.Random], str]:
    return lambda text, rng: garble(text, codec, lost)


CATEGORIES: tuple[Category, ...] = (
    Category("cp1252 (C1 kept)", True, _whole("cp1252", "c1")),
    Category("cp1254 (C1 kept)", True, _whole("cp1254", "c1")),
    Category("cp1250 (C1 kept)", True, _whole("cp1250", "c1")),
    Category("latin-1", True, _whole("latin-1", "c1")),
    Category("mac_roman", True, _whole("mac_roman", "c1")),
    Category("double cp1252", True,
             lambda t, r: garble(garble(t, "cp1252", "c1"), "cp1252", "c1")),
    Category("double latin-1/cp1254", True,
             lambda t, r: garble(garble(t, "cp1254", "c1"), "latin-1", "c1")),
    # Mac OS Roman reads an emoji's lead byte 0xF0 as U+F8FF (private use) in the middle layer.
    Category("double, mac_roman first", True,
             lambda t, r: garble(garble(t, "mac_roman", "c1"),
                                 r.choice(["mac_roman", "cp1252", "cp1254", "cp1250", "latin-1"]),
                                 "c1")),
    Category("partial lines cp1252", True, lambda t, r: garble_lines(t, "cp1252", "c1", r, 0.4)),
    Category("partial runs cp1254", True, lambda t, r: garble_runs(t, "cp1254", "c1", r)),
    Category("cp1252 dropped", False, _whole("cp1252", "drop")),
    Category("cp1254 dropped", False, _whole("cp1254", "drop")),
    Category("cp1250 dropped", False, _whole("cp1250", "drop")),
    Category("cp1252 U+FFFD", False, _whole("cp1252", "fffd")),
    Category("cp1254 U+FFFD", False, _whole("cp1254", "fffd")),
    Category("cp1250 ?", False, _whole("cp1250", "q")),
    Category("cp1252 ?", False, _whole("cp1252", "q")),
    Category("partial lines cp1254 dropped", False,
             lambda t, r: garble_lines(t, "cp1254", "drop", r, 0.5)),
)

# --------------------------------------------------------------------------------------------
# Clean documents
# --------------------------------------------------------------------------------------------

#: Symbols as they appear in milestone plans (status, progress, priority, kinds of work).
STATUS = ["✅", "❌", "⏳", "🔄", "🚧", "⏸️", "⏭️", "🆕", "✔️", "☑️", "⚠️", "🛑", "⌛", "✓", "✗"]
PRIORITY = ["🔴", "🟠", "🟡", "🟢", "🔵", "⚪", "⚫", "🟥", "🟩", "🟨", "⭐", "🔥"]
KINDS = ["🐛", "🚀", "📝", "📌", "🎯", "📦", "🧪", "🔧", "🛠️", "🔒", "🔍", "📊", "📈", "💡",
         "🎉", "✨", "🏁", "📅", "🗓️", "👍", "👀", "💬", "🔗", "📚", "🧹", "🧩", "⚙️", "🔐",
         "🐍", "🦀", "🐳", "🤖", "🧠", "☁️", "🖥️", "📱", "👨‍💻", "👩‍🔬", "🏗️", "📣"]
ARROWS = ["→", "←", "↑", "↓", "↔", "⇒", "⇐", "⇔", "➡️", "⬅️", "⬆️", "⬇️", "↩️", "↪️", "▶", "◀",
          "▲", "▼", "➜", "•", "★", "☆", "●", "○", "■", "□", "◆"]
#: Typography in the places it takes in text ({} is a word, # a number).
TYPO = ["“{}”", "‘{}’", "„{}“", "«{}»", "{}’s", "{} — next", "{} – later", "{}…", "# €",
        "€#", "{}™", "#°C", "±# %", "# × #", "§#", "© 2026 {}", "#½", "¼ of {}"]

_KEYS = ("h", "v", "tl", "tr", "bl", "br", "t", "b", "l", "r", "x")
#: Box-drawing families: horizontal, vertical, four corners, four tees, cross.
_FAMILIES = {name: dict(zip(_KEYS, chars)) for name, chars in (
    ("light", "─│┌┐└┘┬┴├┤┼"),
    ("heavy", "━┃┏┓┗┛┳┻┣┫╋"),
    ("double", "═║╔╗╚╝╦╩╠╣╬"),
    ("rounded", "─│╭╮╰╯┬┴├┤┼"),
)}

_WORDS = ["parser", "exporter", "cache", "scheduler", "storage", "gateway", "indexer",
          "renderer", "planner", "loader", "migrator", "auditor", "notifier", "billing",
          "search", "sync", "api", "worker", "queue", "metrics"]


def _box_row(rng: random.Random, fam: dict[str, str], n: int, w: int) -> list[str]:
    """``n`` boxes side by side, joined by arrows, with labels."""
    labels = [rng.choice(_WORDS)[: w - 2] for _ in range(n)]
    top = "  ".join(fam["tl"] + fam["h"] * w + fam["tr"] for _ in range(n))
    mid_parts = []
    for i, lab in enumerate(labels):
        cell = fam["v"] + lab.center(w) + fam["v"]
        mid_parts.append(cell)
    mid = ""
    for i, cell in enumerate(mid_parts):
        mid += cell
        if i < n - 1:
            mid += fam["h"] + "▶"
    bot = "  ".join(fam["bl"] + fam["h"] * w + fam["br"] for _ in range(n))
    return [top, mid, bot]


def _box_tree(rng: random.Random, fam: dict[str, str]) -> list[str]:
    """A wide box over two boxes, like the format guide's architecture diagram."""
    w = rng.randrange(34, 62)
    title = rng.choice(_WORDS)
    half = w // 2
    # The two lower boxes are 15 wide and centred under the tees: keep them apart.
    a = rng.randrange(6, half - 8)
    b = rng.randrange(max(a + 16, half + 2), w - 6)
    lines = [fam["tl"] + fam["h"] * w + fam["tr"],
             fam["v"] + title.center(w) + fam["v"],
             fam["l"] + fam["h"] * w + fam["r"],
             fam["v"] + ("fn " + rng.choice(_WORDS) + "()").ljust(w) + fam["v"],
             fam["bl"] + fam["h"] * a + fam["t"] + fam["h"] * (b - a - 1) + fam["t"]
             + fam["h"] * (w - b - 1) + fam["br"],
             " " * (a + 1) + fam["v"] + " " * (b - a - 1) + fam["v"]]
    bw = 13
    boxes = []
    for col in (a + 1, b + 1):
        left = col - bw // 2 - 1
        boxes.append((left, rng.choice(_WORDS)))

    def row(f: Callable[[int, str], str]) -> str:
        s = ""
        for left, lab in boxes:
            s = s.ljust(left) + f(left, lab)
        return s.rstrip()

    half_w = bw // 2
    lines.append(row(lambda l, lab: fam["tl"] + fam["h"] * half_w + "▼" + fam["h"] * half_w
                     + fam["tr"]))
    lines.append(row(lambda l, lab: fam["v"] + lab.center(bw) + fam["v"]))
    lines.append(row(lambda l, lab: fam["v"] + " " * bw + fam["v"]))
    lines.append(row(lambda l, lab: fam["bl"] + fam["h"] * bw + fam["br"]))
    return lines


def _table(rng: random.Random) -> list[str]:
    rows = ["| Metric | Target | Status |", "|--------|--------|--------|"]
    for _ in range(rng.randrange(3, 8)):
        st = rng.choice(STATUS)
        word = rng.choice(["Pending", "Done", "Blocked", "In progress", "Failed", "Achieved"])
        rows.append(f"| {rng.choice(_WORDS).title()} {rng.choice(['latency', 'coverage', 'size'])}"
                    f" | {rng.choice(['<10%', '>80%', '≤ 2 s', '≥ 99.9%', '0 errors'])} |"
                    f" {st} {word} |")
    return rows


def milestone_doc(rng: random.Random, prose: list[str]) -> str:
    """A milestone plan in the format guide's style, with symbols everywhere."""
    kind = rng.choice(["Rewrite", "Migration", "Launch"])
    out = [f"# MILESTONE: {rng.choice(_WORDS).title()} {kind}",
           "",
           f"**Status**: {rng.choice(STATUS)} IN PROGRESS",
           f"**Priority**: {rng.choice(PRIORITY)} HIGH",
           f"**Owner**: {rng.choice(KINDS)} team {rng.choice(_WORDS)}",
           "", "---", "", "## Success Criteria", ""]
    out += _table(rng)
    out += ["", "## Phases", ""]
    for n in range(rng.randrange(2, 5)):
        out += [f"### Phase {n}: {rng.choice(_WORDS).title()} {rng.choice(KINDS)}", "",
                (f"**Status**: {rng.choice(STATUS)} "
                 f"{rng.choice(['completed', 'not-started', 'in-progress'])}"),
                f"**Dependencies**: Phase {max(n - 1, 0)} {rng.choice(ARROWS)} Phase {n}", ""]
        for _ in range(rng.randrange(2, 5)):
            sym = rng.choice(STATUS + KINDS + ARROWS)
            typo = rng.choice(TYPO).replace("{}", rng.choice(_WORDS)).replace(
                "#", str(rng.randrange(2, 99)))
            out.append(f"- [{rng.choice([' ', 'x'])}] {sym} {rng.choice(_WORDS)} "
                       f"{rng.choice(['works', 'ships', 'passes'])} {typo} "
                       f"{rng.choice(ARROWS)} done")
        if prose and rng.random() < 0.5:
            out += ["", rng.choice(prose)]
        out.append("")
    out += ["## Architecture", "", "```"]
    fam = _FAMILIES[rng.choice(list(_FAMILIES))]
    out += _box_tree(rng, fam) if rng.random() < 0.5 else _box_row(rng, fam, rng.randrange(2, 4),
                                                                      rng.randrange(6, 10))
    out += ["```", "", "Legend: " + " ".join(rng.sample(STATUS, 4)) + " — "
            + " ".join(f"`{c}`" for c in fam.values()), ""]
    return "\n".join(out)


#: Sentences in many languages (headings are made by upper-casing some of them).
PROSE: dict[str, list[str]] = {
    "fr": ["Le château était très beau, et l’œuvre « naïve » coûtait 12 € — pas plus.",
           "Où êtes-vous allés ? À la fête de Noël, à l’hôtel près de la forêt.",
           "L’équipe a validé la première étape ; la deuxième reste à faire…",
           "Ça dépend : « déjà vu » n’est pas un problème, c’est une idée reçue."],
    "de": ["Größe ändern: Die Straße ist naß, aber die Übung macht den Meister.",
           "„Schöne Grüße“, schrieb sie – und fügte hinzu: „Bis übermorgen!“",
           "Der Bär aß süße Äpfel; das Öl kostet 3,50 € pro Flasche.",
           "ÜBERSICHT: Änderungen für Björn und Jürgen."],
    "es": ["El niño comió piñata en la montaña; ¿quién pagó la cuenta? ¡Nadie!",
           "La canción “Año nuevo” suena en la estación de tren.",
           "Añadir la configuración según el documento técnico."],
    "pt": ["A migração não terminou; a versão três está pronta amanhã.",
           "São Paulo é uma cidade grande — a coração do país, irmã de tantas.",
           "Atenção: a opção “ação rápida” está disponível."],
    "it": ["Perché la città è così bella? È la più antica, però.", "Più tardi andrò là."],
    "pl": ["Zażółć gęślą jaźń — to zdanie zawiera wszystkie polskie litery.",
           "Łódź i Kraków są pięknymi miastami; źródło wody jest tuż obok.",
           "Będę się uczył, żeby zdać egzamin w przyszłym tygodniu."],
    "cs": ["Příliš žluťoučký kůň úpěl ďábelské ódy.",
           "Čeština má háčky a čárky: ř, ě, š, č, ž, ý, á, í, é, ů, ú.",
           "Každý člověk má právo na vzdělání a svobodu projevu."],
    "ro": ["Științele și tehnologia înaintează în fiecare zi în România.",
           "Mâine vom începe lucrul la noua versiune a aplicației."],
    "hu": ["Árvíztűrő tükörfúrógép — a magyar ékezetek próbája.",
           "Ő az, akiről beszéltünk tegnap délután."],
    "tr": ["İstanbul'da ağaç, şişe ve ılık çay; Çağrı ödevini yaptı.",
           "Güneşli bir günde öğrenciler bahçede oyun oynadı.",
           "Proje ağustosta başlayacak ve şubatta bitecek."],
    "sv": ["Räksmörgås på café i Malmö, och älgen står i skogen.", "På måndag åker vi till Åre."],
    "el": ["Γειά σου κόσμε! Η Ελλάδα έχει πολλά νησιά και ωραίες παραλίες.",
           "Ο χρόνος είναι χρήμα, λέει η παροιμία."],
    "ru": ["Съешь же ещё этих мягких французских булок, да выпей чаю.",
           "Привет, мир! Это проверка русского текста с буквами ё и й.",
           "Москва — столица России; проект завершится в сентябре."],
    "uk": ["Їжак і ґудзик: українська мова має літери ї, є, ґ."],
    "ja": ["日本語のテキストです。東京は大きな都市です。", "プロジェクトは来月に完了します。"],
    "zh": ["这是一个中文句子，用于测试。", "项目将在下个月完成，请检查进度。"],
    "ko": ["한국어 텍스트입니다. 서울은 큰 도시입니다.", "프로젝트는 다음 달에 완료됩니다."],
    "vi": ["Tiếng Việt có rất nhiều dấu: ă, â, ê, ô, ơ, ư, đ."],
    "he": ["שלום עולם, זה טקסט בעברית."],
    "misc": ["A naïve café owner’s résumé — coöperate, façade, jalapeño, Zoë.",
             "Prices: £12, ¥300, €5; temperature −4 °C; ±2 %; 5 × 3 = 15; 1½ cups.",
             "The ratio √π ≈ 1.77 and ∞ > ∑ of terms; ≤ and ≥ are fine.",
             "SHE SAID “NO” — AND “DAĞ” IS A TURKISH WORD; “ESPAÑA”…",
             "«Citation» et ‹guillemets›, puis “double” and ‘single’ quotes…"],
}


#: More sentences for documents in one language (Slovak is not in ``PROSE``; Polish and Czech
#: get questions, which end in letters that read as UTF-8 lead bytes in Windows-1250).
MORE_PROSE: dict[str, list[str]] = {
    "pl": ["Czy możesz sprawdzić, co się stało z wdrożeniem?", "Kiedy będzie gotowa nowa wersja?",
           "Wdrożenie bazy danych zakończyło się sukcesem; testy przeszły pomyślnie.",
           "Co trzeba zrobić, żeby to naprawić? Nie wiem, czy mogę.",
           "Źródłem problemu była błędna konfiguracja serwera w środowisku produkcyjnym.",
           "ZAŻÓŁĆ GĘŚLĄ JAŹŃ: WSZYSTKIE POLSKIE LITERY W NAGŁÓWKU.",
           "Gdzie jest mój koń? Dlaczego to trwa tak długo? Ile to kosztuje, 15 zł?"],
    "cs": ["Kdy bude hotová nová verze? Nevím, zda to stihneme.",
           "Nasazení databáze proběhlo úspěšně; všechny testy prošly.",
           "Co je potřeba udělat, aby to fungovalo? Kde je můj kůň?",
           "ŽLUŤOUČKÝ KŮŇ ÚPĚL ĎÁBELSKÉ ÓDY — nadpis velkými písmeny.",
           "Příští týden začneme s migrací a ověříme výkon řešení."],
    "sk": ["Každý človek má právo na vzdelanie a slobodu prejavu.",
           "Ďakujem, že ste prišli; ľúbim túto krajinu a jej ľudí.",
           "Kedy bude nová verzia hotová? Nevieme, či to stihneme do piatku.",
           "Nasadenie databázy prebehlo úspešne a všetky testy prešli.",
           "Čo treba urobiť, aby to fungovalo? Kde je môj kôň?",
           "ŤAŽKÁ ÚLOHA: ÔSMA KAPITOLA ŽIADA ĎALŠIE ZMENY.",
           "Päť ľudí pracuje na projekte; ôsmy míľnik je dôležitý."],
}


def language_docs(seed: int = 4321, size: int = 60000) -> dict[str, str]:
    """One clean document per language (headings, paragraphs, lists), about ``size`` bytes each.

    Args:
        seed: Random seed (the documents are the same for the same seed).
        size: Approximate size of each document in UTF-8 bytes.

    Returns:
        Language code to document, for the languages of ``PROSE`` and ``MORE_PROSE``.
    """
    docs = {}
    for lang in sorted(set(PROSE) | set(MORE_PROSE)):
        rng = random.Random(f"{seed}:{lang}")
        sentences = PROSE.get(lang, []) + MORE_PROSE.get(lang, [])
        out: list[str] = []
        length = 0
        while length < size:
            heading = rng.choice(sentences).split(".")[0][:60]
            para = " ".join(rng.choice(sentences) for _ in range(rng.randrange(2, 6)))
            items = [f"- {rng.choice(sentences)}" for _ in range(rng.randrange(0, 4))]
            block = "\n".join(["## " + heading, "", para, "", *items, ""])
            out.append(block)
            length += len(block.encode()) + 1
        docs[lang] = "\n".join(out)
    return docs


def prose_doc(rng: random.Random, langs: list[str]) -> str:
    """Multilingual prose: headings (some upper-case) and paragraphs."""
    out = []
    for _ in range(rng.randrange(3, 7)):
        lang = rng.choice(langs)
        heading = rng.choice(PROSE[lang]).split(".")[0][:60]
        out += ["## " + (heading.upper() if rng.random() < 0.3 else heading), ""]
        para = " ".join(rng.choice(PROSE[lang]) for _ in range(rng.randrange(2, 5)))
        out += [para, ""]
        if rng.random() < 0.4:
            out += [f"- {rng.choice(STATUS)} {rng.choice(PROSE[rng.choice(langs)])}",
                    f"- {rng.choice(ARROWS)} {rng.choice(PROSE[lang])}", ""]
    return "\n".join(out)


def clean_corpus(seed: int = 1234, n_plans: int = 60, n_prose: int = 40) -> list[str]:
    """Build the clean documents.

    Args:
        seed: Random seed (the corpus is the same for the same seed).
        n_plans: Number of milestone plans.
        n_prose: Number of multilingual prose documents.

    Returns:
        The documents, plans first.
    """
    rng = random.Random(seed)
    langs = sorted(PROSE)
    docs = []
    for i in range(n_plans):
        prose = [] if i % 3 else [s for lang in rng.sample(langs, 3) for s in PROSE[lang]]
        docs.append(milestone_doc(rng, prose))
    for _ in range(n_prose):
        docs.append(prose_doc(rng, rng.sample(langs, rng.randrange(2, 6))))
    return docs


def garbled_corpus(docs: list[str], seed: int = 99) -> dict[str, list[str]]:
    """Garble every document for every category (deterministically).

    Args:
        docs: Clean documents.
        seed: Random seed for partial garbling.

    Returns:
        Category name to the garbled documents, in the order of ``docs``.
    """
    out: dict[str, list[str]] = {}
    for cat in CATEGORIES:
        rng = random.Random(f"{seed}:{cat.name}")
        garbled = []
        for doc in docs:
            try:
                garbled.append(cat.apply(doc, rng))
            except UnicodeError:  # pragma: no cover - every page decodes every byte here
                garbled.append(doc)
        out[cat.name] = garbled
    return out
