import functools
import unicodedata

from unidecode import unidecode


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: 'Xã  ĐÔNG Sơn' → 'xa dong son'. Used for search."""
    return " ".join(unidecode(text or "").lower().split())


# --- Vietnamese alphabetical order ----------------------------------------------------------------
# The alphabet's 29 letters in order (ă after a, đ after d, ơ after ô…); tones only break ties, in the
# dictionaries' order: none, huyền, hỏi, ngã, sắc, nặng. Python's own order (code points) puts "Đ"
# after "Z" and "Ấ" after "Y".
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_WEIGHT = {letter: n for n, letter in enumerate(_LETTERS, start=100)}
_SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter (ă, â, ơ…)
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Words naming the kind of unit, left out of the key so that "Thành phố Hà Nội" sorts under H.
UNIT_PREFIXES = (
    "thành phố", "tỉnh", "đặc khu", "thị trấn", "thị xã", "phường", "xã", "quận", "huyện",
    "tổ dân phố", "khu phố", "thôn", "bản", "ấp", "buôn", "làng", "xóm", "khối", "sóc", "plei",
)  # fmt: skip


@functools.cache
def _char(char: str) -> tuple[int, int]:
    """(weight, tone) of one lower-case character, precomposed or not ('ặ' → weight of 'ă', nặng)."""
    base, tone = "", 0
    for part in unicodedata.normalize("NFD", char):
        if part in _TONES:
            tone = _TONES[part]
        elif part in _SHAPES or not unicodedata.combining(part):
            base += part
    base = unicodedata.normalize("NFC", base)
    if base in _WEIGHT:
        return _WEIGHT[base], tone
    if base.isspace():
        return 0, 0
    return 1000 + (ord(base[0]) if base else ord(char)), tone


def _letters(text: str) -> tuple[tuple, tuple]:
    """(letters, tones): each letter's weight, a run of digits as 10 then its number ('Thôn 2' before
    'Thôn 10'); the tone of each letter apart."""
    primary, tones, digits = [], [], ""
    for char in unicodedata.normalize("NFC", text.lower()):
        if "0" <= char <= "9":
            digits += char
            continue
        if digits:
            primary += (10, int(digits))
            digits = ""
        weight, tone = _char(char)
        primary.append(weight)
        tones.append(tone)
    if digits:
        primary += (10, int(digits))
    return tuple(primary), tuple(tones)


def proper_name(name: str) -> str:
    """The name without the kind of unit in front: 'Thành phố Hà Nội' → 'Hà Nội', 'Xã Đồng Kỳ' →
    'Đồng Kỳ' (a name that is only the prefix stays as it is)."""
    words = " ".join((name or "").split())
    lowered = words.lower()
    for prefix in UNIT_PREFIXES:
        if lowered.startswith(prefix + " ") and len(words) > len(prefix) + 1:
            return words[len(prefix) + 1 :]
    return words


@functools.lru_cache(maxsize=8192)
def vi_sort_key(name: str) -> tuple:
    """The key for Vietnamese alphabetical order of unit, agency and village names: the proper name
    first ('Hà Nội' for 'Thành phố Hà Nội'), letters in the alphabet's order, tones to break ties, then
    the whole name as written. Use it for every list of names: `sorted(units, key=lambda u: vi_sort_key(u.name))`."""
    letters, tones = _letters(proper_name(name))
    return letters, tones, name or ""


def vi_sorted(items, *, name=lambda item: item.name) -> list:
    """`items` in Vietnamese alphabetical order of `name(item)`."""
    return sorted(items, key=lambda item: vi_sort_key(name(item)))
