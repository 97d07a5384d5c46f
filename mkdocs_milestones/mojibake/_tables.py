# SPDX-License-Identifier: MIT
"""Static tables for the mojibake repair: code pages, character classes, priors, box arms.

Everything here is computed once at import time from the standard library's codecs and
``unicodedata``; nothing is read from disk.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

# --------------------------------------------------------------------------------------------
# Code pages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodePage:
    """A single-byte code page that UTF-8 bytes may have been mis-read as.

    Attributes:
        name: Human-readable name, used in reports and benchmarks.
        to_byte: Map from every non-ASCII character the page produces to its byte (0x80-0xFF).
        lost: Bytes the page cannot represent; a decoder drops them or writes U+FFFD or ``?``.
        leads: Characters standing for UTF-8 lead bytes (0xC2-0xF4).
        conts: Characters standing for UTF-8 continuation bytes (0x80-0xBF).
    """

    name: str
    to_byte: dict[str, int]
    lost: tuple[int, ...]
    leads: frozenset[str]
    conts: frozenset[str]


def _page(name: str, codec: str, c1: bool) -> CodePage:
    to_byte: dict[str, int] = {}
    lost: list[int] = []
    for byte in range(0x80, 0x100):
        try:
            to_byte[bytes([byte]).decode(codec)] = byte
        except UnicodeDecodeError:
            lost.append(byte)
    if c1:
        # "Sloppy" decoding (browsers, Windows, Latin-1 itself) keeps 0x80-0x9F as C1 controls.
        for byte in range(0x80, 0xA0):
            to_byte.setdefault(chr(byte), byte)
    leads = frozenset(ch for ch, b in to_byte.items() if 0xC2 <= b <= 0xF4)
    conts = frozenset(ch for ch, b in to_byte.items() if 0x80 <= b <= 0xBF)
    return CodePage(name, to_byte, tuple(lost), leads, conts)


#: The supported code pages. Windows-1252 with C1 controls also covers ISO-8859-1 (Latin-1).
PAGES: tuple[CodePage, ...] = (
    _page("windows-1252", "cp1252", True),
    _page("windows-1254", "cp1254", True),
    _page("windows-1250", "cp1250", True),
    _page("mac-roman", "mac_roman", False),
)

#: Stand-ins for a byte the decoder could not represent.
REPLACEMENT = "\ufffd"
QUESTION = "?"


def _cls(chars: set[str] | frozenset[str]) -> str:
    """A character class of ``chars``, runs of consecutive characters written as ranges (``[a-c]``): the same
    class in fewer characters for the regular expression compiler to read (issue 17: the repair's expressions
    are compiled when it is first imported, in every build).

    >>> _cls(set("abcexy"))
    '[a-cexy]'
    """
    points = sorted(map(ord, chars))
    out = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        out.append(first if i == j else first + last if j == i + 1 else first + "-" + last)
        i = j + 1
    return "[" + "".join(out) + "]"


ALPHABET = frozenset().union(*(p.to_byte for p in PAGES)) | {REPLACEMENT}

#: Per page, a ``str.translate`` table that turns its characters into the byte values they stand
#: for (as code points below 256) and every other candidate character into U+FFFF, so that
#: ``run.translate(table).encode("latin-1")`` either gives the bytes or fails.
TRANS: tuple[dict[int, int], ...] = tuple(
    {**{ord(c): 0xFFFF for c in ALPHABET}, **{ord(c): b for c, b in p.to_byte.items()}}
    for p in PAGES
)

#: The same, but U+FFFD becomes byte 0xFF, which is never valid in UTF-8 (for decoding a whole
#: text with ``surrogateescape`` and finding where bytes were lost).
TRANS_FFFD: tuple[dict[int, int], ...] = tuple({**t, 0xFFFD: 0xFF} for t in TRANS)
#: Per page, a character no garbled text of that page can contain (outside ASCII and U+FFFD).
FOREIGN_RES = tuple(
    re.compile("[^\\x00-\\x7f\\ufffd" + "".join(re.escape(c) for c in sorted(p.to_byte)) + "]")
    for p in PAGES
)
#: Bytes that did not decode (``surrogateescape``).
SURROGATE_RE = re.compile("[\\udc80-\\udcff]")
SURROGATE_RUN_RE = re.compile("[\\udc80-\\udcff]+")

#: Runs of characters that may be mojibake (two or more), without and with ``?`` stand-ins.
RUN_RE = re.compile(_cls(ALPHABET) + "{2,}")
RUN_Q_RE = re.compile(_cls(ALPHABET) + "(?:" + _cls(ALPHABET) + r"|\?)+")
#: Two-byte lead characters of the lossy pages (a letter whose continuation byte was lost
#: leaves its lead alone).
LEAD2_RE = re.compile(
    _cls(frozenset(c for p in PAGES if p.lost for c, b in p.to_byte.items() if 0xC2 <= b <= 0xDF))
)
#: ``?`` inside a sequence proves that the decoder wrote ``?`` for bytes it could not represent;
#: ``?`` after most of the incomplete sequences of a text suggests it.
_LOSSY = tuple(p for p in PAGES if p.lost)
_W_CONTS = _cls(frozenset().union(*(p.conts for p in _LOSSY)))
_W_LEADS = _cls(frozenset().union(*(p.leads for p in _LOSSY)))
_W_LEAD3 = _cls(frozenset(c for p in _LOSSY for c, b in p.to_byte.items() if 0xE0 <= b <= 0xEF))
_W_LEAD4 = _cls(frozenset(c for p in _LOSSY for c, b in p.to_byte.items() if 0xF0 <= b <= 0xF4))
#: (Written from the ``?``, looking back at what stands before it: the regular expression
#: engine finds a literal character at C speed, where leads, frequent in Polish or Czech text,
#: would each start an attempt.)
QMODE_INNER_RE = re.compile(
    "\\?(?=" + _W_CONTS + ")(?:" + "|".join("(?<=" + _W_LEADS + _W_CONTS * k + "\\?)"
                                           for k in range(3)) + ")"
)
_W_LEAD2 = _cls(frozenset(c for p in _LOSSY for c, b in p.to_byte.items() if 0xC2 <= b <= 0xDF))
#: A two-byte lead then ``?`` then a letter or another lead (``Ń?Đ´`` for у without 0x83: a
#: ``?`` inside a word), or a two-byte lead followed directly by a letter that is not a
#: continuation (a decoder that dropped the byte, or correct text).
QMODE_LEAD2_RE = re.compile(
    _W_LEAD2 + "(?:(\\?)(?=[^\\W\\d_]|" + _W_LEADS + ")|(?!" + _W_CONTS + ")(?=[^\\W\\d_]))"
)
#: A three-byte lead with one continuation, or a four-byte lead with one or two, then maybe
#: ``?``. (Written as one class of leads first, then a look back at which lead it was: the
#: regular expression engine skips at C speed to the next lead, where an alternation of
#: sequences would be tried at every position.)
_W_LEAD34 = _cls(frozenset(c for p in _LOSSY for c, b in p.to_byte.items() if 0xE0 <= b <= 0xF4))
QMODE_TRAILING_RE = re.compile(
    _W_LEAD34 + _W_CONTS + "(?:(?<=" + _W_LEAD3 + _W_CONTS + ")|(?<=" + _W_LEAD4 + _W_CONTS + ")"
    + _W_CONTS + "?)(?!" + _W_CONTS + ")(\\?)?"
)
#: Where ``QMODE_TRAILING_RE`` or ``QMODE_LEAD2_RE`` would find a ``?``, and maybe more (a cheap
#: first look: text without any such ``?`` is not written with ``?`` for lost bytes).
QMODE_ANY_Q_RE = re.compile(
    "\\?(?:(?<=" + _W_LEAD3 + _W_CONTS + "\\?)|(?<=" + _W_LEAD4 + _W_CONTS + "\\?)|(?<=" + _W_LEAD4
    + _W_CONTS + _W_CONTS + "\\?)|(?<=" + _W_LEAD2 + "\\?)(?=[^\\W\\d_]|" + _W_LEADS + "))"
)

# --------------------------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------------------------

REJECT, SYMBOL, LATIN, GREEK, CYRILLIC, ALPHA2, CJK, LETTER, MARK, FORMAT, SPACE = range(11)
#: Classes of letters (for script consistency checks).
LETTER_CLASSES = frozenset({LATIN, GREEK, CYRILLIC, ALPHA2, CJK, LETTER})

_REJECT_RANGES = (
    (0x0250, 0x02FF),  # IPA extensions, spacing modifier letters
    (0x0500, 0x052F),  # Cyrillic supplement
    (0x0700, 0x08FF),  # Syriac, Arabic supplement, Thaana, NKo, Samaritan, Mandaic, ...
    (0xD800, 0xF8FF),  # surrogates, private use
    (0xFDD0, 0xFDEF),  # noncharacters
    (0xFFF0, 0xFFFC),  # specials (U+FFFD is allowed, see below)
)
_CJK_RANGES = ((0x1100, 0x11FF), (0x3040, 0x30FF), (0x3100, 0x31FF), (0x3400, 0x4DBF),
               (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF),
               (0x20000, 0x3FFFF))
#: Cyrillic letters beyond Russian, Ukrainian, Belarusian, Serbian and Macedonian that are in
#: everyday use (Kazakh, Tatar, Bashkir, Mongolian, ...); the rest of U+0460-U+04FF is historic.
_CYRILLIC_EXTRA = frozenset("ҐґҒғҚқҢңҮүҰұҺһӘәӨөҖҗҲҳҶҷӀ")
_CACHE: dict[str, int] = {}
#: Spacing modifiers that the code pages themselves contain (ˆ ˜ ˇ ˘ ˙ ˛ ˝): text garbled twice
#: goes through them.
_PAGE_MODIFIERS = frozenset(c for p in PAGES for c in p.to_byte if 0x02B0 <= ord(c) <= 0x02FF)


def char_class(ch: str) -> int:
    """Classify a decoded character for plausibility checks.

    Args:
        ch: One character (the empty string, for "nothing there", is ``REJECT``).

    Returns:
        One of the class constants (``REJECT`` for characters a repair must never produce).
    """
    cls = _CACHE.get(ch)
    if cls is not None:
        return cls
    if len(ch) != 1:
        return REJECT
    cp = ord(ch)
    cat = unicodedata.category(ch)
    if cp == 0xFFFD or ch in _PAGE_MODIFIERS:
        cls = SYMBOL
    elif any(lo <= cp <= hi for lo, hi in _REJECT_RANGES) or (cp & 0xFFFE) == 0xFFFE:
        cls = REJECT
    elif cat == "Cn":
        # Emoji newer than this Python's Unicode database are still emoji.
        cls = SYMBOL if 0x1F000 <= cp <= 0x1FAFF else REJECT
    elif cat in ("Cc", "Co", "Cs"):
        cls = REJECT
    elif cat == "Cf":
        cls = FORMAT
    elif cat[0] == "M":
        cls = MARK
    elif cat == "Zs":
        cls = SPACE
    elif cat[0] in "SPN":
        cls = SYMBOL
    elif cat[0] == "L":
        if cp >= 0x1D400 and cp <= 0x1D7FF:
            cls = REJECT  # mathematical alphanumerics: never the likelier reading
        elif cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
            cls = LATIN
        elif 0x0386 <= cp <= 0x03CE or 0x1F00 <= cp <= 0x1FFF:
            cls = GREEK
        elif 0x0400 <= cp <= 0x045F or ch in _CYRILLIC_EXTRA:
            cls = CYRILLIC
        elif 0x0530 <= cp <= 0x06FF:
            cls = ALPHA2 if cat != "Lm" else REJECT
        elif any(lo <= cp <= hi for lo, hi in _CJK_RANGES):
            cls = CJK
        else:
            cls = LETTER
    else:
        cls = REJECT
    _CACHE[ch] = cls
    return cls


def is_pictographic(ch: str) -> bool:
    """Tell whether ``ch`` is an emoji-like pictograph (ZWJ and VS16 attach to these).

    Args:
        ch: One character (or the empty string).

    Returns:
        True for symbols in the emoji and dingbat ranges.
    """
    if not ch:
        return False
    cp = ord(ch)
    return 0x1F000 <= cp <= 0x1FAFF or 0x2190 <= cp <= 0x2BFF or cp in (0x00A9, 0x00AE, 0x203C,
                                                                         0x2049, 0x2122, 0x2139,
                                                                         0x3030, 0x303D)


# --------------------------------------------------------------------------------------------
# Priors: how likely a character is in a milestone document, when the bytes cannot tell
# --------------------------------------------------------------------------------------------

#: Status symbols, arrows, check marks, typography: the characters such documents are made of.
#: Earlier is likelier (used to break ties between candidates for the same lost byte).
TIER1 = (
    "✅❌⏳⌛✓✔✗✘☐☑☒⚠⚡✨⭐❗❓❔❕➡⬅⬆⬇←→↑↓↔↕⇐⇒⇔↩↪➜➔➤▶◀▲▼►◄●○■□◆◇★☆"
    "•…–—‘’“”„€™√≈≠≤≥±×÷−∞∑∆∈∀∃∂∫"
    "─│┌┐└┘├┤┬┴┼━┃┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬╭╮╯╰"
)
#: Emoji common in project plans (status colours, tools, documents, celebrations).
TIER2 = (
    "🔄🔍🚀🎯📝📌📋📊📈📉📅📆📦📚📖🐛💡🎉👍👎👀🏁🏆🚧🛠🧪🧩💬💻📁📂🔗🔔🆕"
    "🔴🟡🟢🟠🔵🟣🟤⚪⚫🟥🟧🟨🟩🟦🟪⬜⬛🔶🔷🔸🔹🔺🔻"
    "🔒🔓🔑🔐🔧🔨🔥🔁⏰⏱⏲⏸⏹⏺⏩⏪⏭⏮🗓🗂🧹🔎📣📢✏🖊🖋⚙🌐🔀🔃❇✳✴🛑⛔🚫🆗💯"
    "🤔😀😃😄😊🙂😅😉🥳😎🤝🙏👋💪🎨🌟⚖🏗🗺📍🧭🧱🧰📐📏🔬🔭💥🔖🏷📎✂🗑📤📥📨📧🧾"
    "🐍🦀🐳☕🤖🧠🌱☁🖥📱⌨🔌🔋🧯🩹🛡📜📄🗄🔮"
)
#: Words (prefixes, lower case) that go with symbols whose UTF-8 forms differ only in a byte
#: that may be lost (🔍 F0 9F 94 8D and 🔐 F0 9F 94 90): the words on the line pick among them.
#: General vocabulary of project documents, not any one corpus.
_WORDS_FOR = {
    "🔍🔎": "search find review inspect investigat audit lookup look query explor analy discover "
            "scan filter index browse",
    "🔐🔒🔑": "auth secur lock key password credential encrypt secret login permission private "
              "access certificate signature token protect",
    "🔓": "unlock open public",
    "🔁🔃": "repeat retry loop recurr again cycle rerun",
    "🐍": "python django flask pip pypi pytest",
    "🐳": "docker container kubernetes image",
    "🦀": "rust cargo crate",
    "🐛": "bug defect crash regression",
    "🏁": "finish final launch",
    "❗❕": "important warning attention critical urgent must note caution",
    "❓❔": "question unknown unclear open faq ask",
    "🔥": "hot urgent fire critical hotfix",
    "🔧🔨🛠": "fix tool config setup maintenance repair tweak",
    "📝": "note doc write draft",
    "🔗": "link url dependency depend",
    "🔔": "notif alert remind",
}
SYMBOL_WORDS: dict[str, tuple[str, ...]] = {
    ch: tuple(words.split()) for chars, words in _WORDS_FOR.items() for ch in chars
}

PRIOR: dict[str, float] = {}
for _i, _ch in enumerate(TIER1):
    PRIOR.setdefault(_ch, 7.0 - _i * 0.01)
for _i, _ch in enumerate(TIER2):
    PRIOR.setdefault(_ch, 5.0 - _i * 0.005)

#: Letters whose UTF-8 form may lose a byte in a Windows code page, weighted by how common they
#: are in running text (a rough letter-frequency prior; unlisted letters get a small default).
LETTER_PRIOR: dict[str, float] = {
    # Cyrillic
    "с": 3.0, "у": 2.6, "я": 2.0, "ш": 1.4, "ю": 1.2, "э": 1.0, "О": 1.3, "А": 1.2, "Н": 1.1,
    "И": 1.0, "Ш": 0.5, "Ё": 0.3,
    # Hebrew (final forms only stand at the end of a word: see the letter context)
    "ם": 2.0, "א": 2.0, "ט": 1.2,
    # Vietnamese
    "ề": 1.0, "ọ": 0.9, "ớ": 0.9, "ỏ": 0.7,
    # Greek
    "σ": 3.5, "ρ": 3.0, "ύ": 1.4, "ψ": 0.8, "Ν": 1.0, "Θ": 0.8, "ΐ": 0.2, "Ώ": 0.2,
    # Latin
    "č": 2.6, "ă": 2.4, "ň": 1.6, "ď": 1.2, "á": 2.0, "í": 2.0, "ā": 1.2, "Ł": 1.2, "ō": 1.0,
    "Á": 1.2, "Í": 1.1, "Ő": 0.8, "Đ": 0.8, "Ř": 0.9, "Ę": 0.8, "Ń": 0.6, "Ø": 0.6, "È": 0.6,
    "Ã": 0.4, "Ý": 0.4, "Ï": 0.3, "Ð": 0.2,
}


#: Frequent CJK characters, Hangul syllables and kana, most frequent first (a rough ranking of
#: running text in Chinese, Japanese and Korean, technical writing included). A character that
#: lost a byte in CJK text is guessed among these; anything rarer becomes U+FFFD.
COMMON_CJK = "".join(dict.fromkeys(
    # Chinese
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过"
    "家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本"
    "见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己"
    "话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平"
    "真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报"
    "立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务"
    "制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科"
    "怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运"
    "武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基式李油调项句检查进度请这个于"
    # Japanese kanji beyond the above
    "日本語東京都会社時間年月週私達彼何見言話読書聞食飲買売思知新古安早今学校友車電気雨田花"
    "開発計画確認予定問題解決完了成項目進捗設定機能試験版管理者利用"
    # Hangul
    "이다는의에하고을가지로서기한사도를수대리자정인일시어나아해부전국주게구장보제상들소적위성관"
    "스으것만라화니우내있경연생동비원말그여마발계중면조과학문방거공신미요명모물단실분치선후회세"
    "개행결통무최오저간당금운등체없식까변역건히노영외재터달석음각민심강업반진초래급용습산불였합"
    "했되된될됩입와및더또안못잘왜떻같써큼처럼밖뿐데록며므때위따련현프그램데터템비컴퓨네트워크파"
    "버설확작완료획목표테코팀늘번새운많큰작좋빠느린한본울부세계람우리희러분텍은음"
    # kana
    "のにはをたがでてとしれさあるいかなこまうよもんすっきらくけせそつちえおみわどめじだろばびご"
    "ぶげずべぞぎぐトンスルクリイラレシテタアカフコドマップロジムデグニメサキーョャュィェォ"
))
_CJK_RANK = {ch: i for i, ch in enumerate(COMMON_CJK)}
#: Kana by frequency (hiragana, then katakana): a few particles and endings (の に は で す)
#: are far more frequent than most kana, so the rank counts for more than among ideographs.
_KANA_RANK = {ch: i for i, ch in enumerate(c for c in COMMON_CJK if "\u3041" <= c <= "\u30ff")}


#: Frequent Russian words (and endings), for a letter-pair model that picks among Cyrillic
#: letters that lost the same byte (с, э, я and у, ш in Windows-1250 ...).
_RUSSIAN = (
    "и в не на я быть он с что а по это она этот к но они мы как из у который то за свой весь "
    "год от так о для ты же все тот мочь вы человек такой его сказать только или ещё бы себя "
    "один уже до время если сам когда другой вот говорить наш мой знать стать при чтобы дело "
    "жизнь кто первый очень два день её новый рука даже во со раз где там под можно ну какой "
    "после их работа без самый потом надо хотеть ли слово идти большой должен место иметь "
    "ничто сейчас тут лицо каждый друг нет теперь ни глаз тоже тогда видеть вопрос через да "
    "здесь дом потому сторона думать сделать страна жить чем мир об последний случай голова "
    "более делать смотреть ребёнок просто конечно сила российский конец перед несколько вид "
    "система всегда работать между три понять пойти часть спрашивать город дать также никто "
    "понимать получить отношение лишь второй именно значит тысяча хорошо почему вдруг земля "
    "право этих эти этого этой эту этим ясно язык является ряд пять опять взять связь имя "
    "семья своя моя твоя история неделя понятие любой ключ люди русский сказал стал сразу "
    "спасибо сегодня совсем сначала снова стоит утро улица урок учить шесть шаг ваш может "
    "ского ская ское ские ных ные ной ный ого ему ими ами ях ться ется ются ать ять ить еть "
    "уть ость ение ания ство ский "
    # more of the most frequent words and forms (frequency dictionaries, first few hundred)
    "также весь всё всего всех всем этом этому тех тем том той теми меня мне мной тебя тебе "
    "нас нам вас вам них ним нему неё ней него было была были будет будут есть нужно нужен "
    "стало стала стали сказала сказали знаю знает думаю хочет может могут можно нельзя пока "
    "здесь всегда никогда иногда часто сразу затем поэтому однако потому либо даже если хотя "
    "тоже только ещё уже почти совсем вместе около против после перед через между кроме "
    "дома дело деньги вода власть война голос дверь день дети друзья жена жизни земли книга "
    "мать мысль ночь отец письмо помощь работы развитие решение результат связи случае "
    "смерть сердце слова стороны страны суть сын точка устройство условия цель часть числе "
    "школа язык общество государство компания программа процесс уровень информация средство "
    "данные вопросы задачи задача пример момент образом следующий разный возможность "
    "несколько свои своих своей своего свою которые которых которая которое который этот "
    "сейчас раньше позже скоро быстро медленно хорошо плохо рано поздно высокий низкий "
    "старый молодой маленький главный важный нужный общий полный простой русская русские "
    "писать читать слушать стоять сидеть лежать ходить ехать сказать спросить ответить "
    "начать кончить оставаться остаться появиться считать казаться являться становиться "
    "использовать создать создание состояние существует остальные особенно сторону стране "
    "сделал сделали сама само сами свое своё себе собой своим сорок сто семь сюда слишком "
    # Ukrainian: frequent words and forms (the same model picks у/с/ш in Ukrainian text)
    "і й у в на що не з із до та як це за від по але про для він вона воно вони ми ви я ти "
    "так його її їх був була було були буде будуть є бути може можна треба який яка яке які "
    "цей ця це ці той та ті свій своя своє свої все всі вже ще також тому коли якщо де тут "
    "там тепер зараз дуже більше після перед через між без під над при україна україни "
    "україні український українська українське українські українською мова мови мовою "
    "року році час часу люди людина людей день дня рік життя робота роботи місто міста "
    "країна країни уряд народ питання справа сказав каже знати хочу кожен інший перший "
    "новий нова нове великий велика добре тільки лише навіть саме адже отже щоб бо чи або "
    "ні нічого щось хтось себе собі мене мені тебе тобі нас нам вас вам їм ними нього неї "
    "усі усе уже участь умови увага успіх учні університет вулиця друг думка будинок "
    "дружина дівчина ґрунт ґанок "
    "дуже буду будемо будете кожного усього усіх"
)
_PAIRS: dict[str, int] = {}
for _word in _RUSSIAN.split():
    _w = f" {_word} "
    for _a, _b in pairwise(_w):
        _PAIRS[_a + _b] = _PAIRS.get(_a + _b, 0) + 1


def cyrillic_fit(prev: str, ch: str, nxt: str) -> float:
    """How well ``ch`` fits between ``prev`` and ``nxt`` in Russian (letter pairs of frequent
    words; a space or punctuation counts as a word boundary).

    Args:
        prev: The character before (lower-cased here).
        ch: A Cyrillic candidate letter.
        nxt: The character after.

    Returns:
        A score from 0 (pairs never seen) upwards.
    """
    a = prev.lower() if prev.isalpha() else " "
    b = nxt.lower() if nxt.isalpha() else " "
    c = ch.lower()
    return (min(_PAIRS.get(a + c, 0), 6) + min(_PAIRS.get(c + b, 0), 6)) / 6.0


def prior(ch: str) -> float:
    """Return how plausible ``ch`` is as the reading of an ambiguous sequence.

    Args:
        ch: A decoded candidate character.

    Returns:
        A score; higher is likelier. Characters of class ``REJECT`` get ``-inf``.
    """
    known = PRIOR.get(ch)
    if known is not None:
        return known
    cls = char_class(ch)
    if cls == REJECT:
        return float("-inf")
    if cls in (LATIN, GREEK, CYRILLIC):
        return LETTER_PRIOR.get(ch, 0.6 if ch.islower() else 0.3)
    if cls == CJK:
        kana = _KANA_RANK.get(ch)
        if kana is not None:
            return 2.5 - kana * 0.02
        rank = _CJK_RANK.get(ch)
        return 0.0 if rank is None else 2.5 - rank * 0.002
    if cls == SYMBOL:
        cp = ord(ch)
        if 0x2500 <= cp <= 0x257F:
            return 2.0
        if cp >= 0x1F000:
            for lo, hi, score in _EMOJI_BLOCK_PRIOR:
                if lo <= cp <= hi:
                    return score
        return 2.0 if unicodedata.category(ch) == "So" else 1.2
    return 0.0


#: Emoji blocks people write in versus game tiles, alchemy and other rarely used pictographs.
_EMOJI_BLOCK_PRIOR = (
    (0x1F000, 0x1F0FF, 0.8),  # mahjong, dominoes, playing cards
    (0x1F100, 0x1F1FF, 1.5),  # enclosed alphanumerics (🆗 🆕 are in PRIOR)
    (0x1F200, 0x1F2FF, 1.2),  # enclosed ideographic supplement
    (0x1F300, 0x1F6FF, 3.0),  # pictographs, emoticons, transport
    (0x1F700, 0x1F7DF, 0.5),  # alchemical, geometric shapes extended
    (0x1F7E0, 0x1F7EB, 3.0),  # coloured circles and squares
    (0x1F7EC, 0x1F8FF, 0.8),  # more geometric shapes, supplemental arrows-C
    (0x1F900, 0x1FAFF, 3.0),  # supplemental symbols and pictographs
)


# --------------------------------------------------------------------------------------------
# Box drawing: the arms (up, right, down, left) of each character, 0 none, 1 light, 2 heavy,
# 3 double; computed from the Unicode names ("BOX DRAWINGS DOWN LIGHT AND RIGHT HEAVY").
# --------------------------------------------------------------------------------------------

_WEIGHT = {"LIGHT": 1, "SINGLE": 1, "HEAVY": 2, "DOUBLE": 3}
_DIRS = {"UP": (0,), "RIGHT": (1,), "DOWN": (2,), "LEFT": (3,), "HORIZONTAL": (3, 1),
         "VERTICAL": (0, 2)}


def _arms_from_name(name: str) -> tuple[int, int, int, int]:
    words = name.split()[2:]
    if "DIAGONAL" in words:
        return (0, 0, 0, 0)
    if "DASH" in words:
        words = [w for w in words if w not in ("DOUBLE", "TRIPLE", "QUADRUPLE", "DASH")]
    words = [w for w in words if w not in ("AND", "ARC")]
    arms = [0, 0, 0, 0]
    weight_first = words[0] in _WEIGHT
    current = 0
    pending: list[int] = []
    for word in words:
        if word in _WEIGHT:
            if weight_first:
                current = _WEIGHT[word]
            else:
                for d in pending:
                    arms[d] = _WEIGHT[word]
                pending = []
        elif weight_first:
            for d in _DIRS[word]:
                arms[d] = current
        else:
            pending.extend(_DIRS[word])
    return (arms[0], arms[1], arms[2], arms[3])


#: Arms of every box-drawing character, plus arrowheads that end lines in diagrams.
ARMS: dict[str, tuple[int, int, int, int]] = {
    chr(cp): _arms_from_name(unicodedata.name(chr(cp))) for cp in range(0x2500, 0x2580)
}
#: Arrowheads connect to a line of any weight (weight 0 in ``ARROW_ARMS`` means "none").
ARROW_ARMS: dict[str, tuple[int, int, int, int]] = {
    "▶": (0, 0, 0, 9), "►": (0, 0, 0, 9), "➤": (0, 0, 0, 9), "→": (0, 0, 0, 9), "▸": (0, 0, 0, 9),
    "◀": (0, 9, 0, 0), "◄": (0, 9, 0, 0), "←": (0, 9, 0, 0), "◂": (0, 9, 0, 0),
    "▼": (9, 0, 0, 0), "↓": (9, 0, 0, 0), "▾": (9, 0, 0, 0),
    "▲": (0, 0, 9, 0), "↑": (0, 0, 9, 0), "▴": (0, 0, 9, 0),
}
#: Standard families (light, heavy, double, rounded): likelier than mixed-weight and dashed forms.
STANDARD_BOX = frozenset("─│┌┐└┘├┤┬┴┼━┃┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬╭╮╯╰")


def arms(ch: str) -> tuple[int, int, int, int] | None:
    """Return the arms of a box-drawing character or arrowhead, or None for other characters.

    Args:
        ch: One character (or the empty string).

    Returns:
        ``(up, right, down, left)`` weights, or None.
    """
    return ARMS.get(ch) or ARROW_ARMS.get(ch)


def mirror(ch: str) -> str | None:
    """Return the box character mirrored left-right (the corner that closes what ``ch`` opened).

    Args:
        ch: A box-drawing character.

    Returns:
        The mirrored character, or None when there is none.
    """
    a = ARMS.get(ch)
    if a is None:
        return None
    want = (a[0], a[3], a[2], a[1])
    rounded = "ARC" in unicodedata.name(ch)
    for other, b in ARMS.items():
        if b == want and ("ARC" in unicodedata.name(other)) == rounded and other in STANDARD_BOX:
            return other
    return None


MIRROR: dict[str, str] = {ch: m for ch in STANDARD_BOX if (m := mirror(ch)) not in (None, ch)}

#: Characters below U+1F000 that are emoji by default (Emoji_Presentation=Yes); other symbols
#: there need VS16 (U+FE0F) to look like emoji, so VS16 after a lost byte points to them.
EMOJI_DEFAULT_BMP = frozenset(
    "⌚⌛⏩⏪⏫⏬⏰⏳◽◾☔☕♈♉♊♋♌♍♎♏♐♑♒♓♿⚓⚡⚪⚫⚽⚾⛄⛅⛎⛔⛪⛲⛳⛵⛺⛽✅✊✋✨❌❎❓❔❕❗➕➖➗➰➿⬛⬜⭐⭕"
)
#: Emoji above U+1F000 that are text by default (they need VS16 as well).
TEXT_DEFAULT_SMP = frozenset(
    "🅰🅱🅾🅿🈂🈷🌡🌤🌥🌦🌧🌨🌩🌪🌫🌬🌶🍽🎖🎗🎙🎚🎛🎞🎟🏋🏌🏍🏎🏔🏕🏖🏗🏘🏙🏚🏛🏜🏝🏞🏟🏳🏵🏷🐿👁📽🕉🕊🕯🕰"
    "🕳🕴🕵🕶🕷🕸🕹🖇🖊🖋🖌🖍🖐🖥🖨🖱🖲🖼🗂🗃🗄🗑🗒🗓🗜🗝🗞🗡🗣🗨🗯🗳🗺🛋🛍🛎🛏🛠🛡🛢🛣🛤🛥🛩🛰🛳"
)


#: Characters below U+1F000 that are emoji (Emoji=Yes), whatever their default presentation;
#: VS16 after any other symbol is unusual.
EMOJI_BMP = frozenset(
    "©®‼⁉™ℹ↔↕↖↗↘↙↩↪⌚⌛⌨⏏⏩⏪⏫⏬⏭⏮⏯⏰⏱⏲⏳⏸⏹⏺Ⓜ▪▫▶◀◻◼◽◾☀☁☂☃☄☎☑☔☕☘☝☠☢☣☦☪☮☯☸☹☺♀♂♈♉♊♋♌♍"
    "♎♏♐♑♒♓♟♠♣♥♦♨♻♾♿⚒⚓⚔⚕⚖⚗⚙⚛⚜⚠⚡⚧⚪⚫⚰⚱⚽⚾⛄⛅⛈⛎⛏⛑⛓⛔⛩⛪⛰⛱⛲⛳⛴⛵⛷⛸⛹⛺⛽✂✅✈✉✊✋"
    "✌✍✏✒✔✖✝✡✨✳✴❄❇❌❎❓❔❕❗❣❤➕➖➗➡➰➿⤴⤵⬅⬆⬇⬛⬜⭐⭕〰〽㊗㊙"
)


def needs_vs16(ch: str) -> bool:
    """Tell whether ``ch`` is a pictograph that is text by default (so VS16 usually follows it).

    Args:
        ch: One character.

    Returns:
        True for text-default pictographs, False for emoji-default ones and everything else.
    """
    if ord(ch) >= 0x1F000:
        return ch in TEXT_DEFAULT_SMP
    return ch in EMOJI_BMP and ch not in EMOJI_DEFAULT_BMP
