"""Script- and diacritic-insensitive name keys: a Latin query finds a Cyrillic name and back.

Serbian and Macedonian Cyrillic are transliterated to Latin, then every diacritic is dropped:
"Ђорђевић", "Đorđević", "Djordjevic" and "Dordevic" all become "dordevic".
"""

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "ѓ": "gj", "е": "e", "ж": "ž",
    "з": "z", "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "ќ": "kj", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = {"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss"}
_SEPARATORS = re.compile(r"[\s\-'’.,]+")


def to_latin(text: str) -> str:
    """Serbian/Macedonian Cyrillic to the Latin alphabet, keeping the case of the first letter."""
    out = []
    for char in text:
        latin = _CYRILLIC.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def name_key(text: str) -> str:
    latin = to_latin(text.lower())
    latin = "".join(_UNDECOMPOSED.get(char, char) for char in latin)
    decomposed = unicodedata.normalize("NFKD", latin)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    # "dj" is the usual ASCII spelling of "đ": treat both alike on the stored and the queried side.
    plain = plain.replace("dj", "d")
    return _SEPARATORS.sub(" ", plain).strip()
