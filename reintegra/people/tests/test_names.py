import pytest

from reintegra.people.names import name_key, to_latin


@pytest.mark.parametrize(
    ("written", "query"),
    [
        ("Đorđević", "Dordevic"),
        ("Ђорђевић", "Dordevic"),
        ("Đorđević", "Djordjevic"),
        ("Ђорђевић", "Đorđević"),
        ("Đorđević", "Ђорђевић"),
        ("Šćepanović", "scepanovic"),
        ("Ѓорѓиевски", "Gjorgjievski"),
        ("Hoxhaj", "HOXHAJ"),
        ("Këlliçi", "Kellici"),
        ("Љубица Њежић", "ljubica nj"),
    ],
)
def test_a_query_in_either_script_with_or_without_diacritics_finds_the_name(
    written: str, query: str
) -> None:
    assert name_key(query) in name_key(written)


def test_different_names_do_not_collide() -> None:
    assert name_key("Petrović") != name_key("Petković")


def test_cyrillic_is_transliterated_to_latin_keeping_capitals() -> None:
    assert to_latin("Џанић Љиљана") == "Džanić Ljiljana"
