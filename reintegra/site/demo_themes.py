# ruff: noqa: E501, RUF001 -- texts in other scripts are the demo content.
"""The demo's thematic areas and beneficiaries in Albanian, Serbian (Cyrillic) and Macedonian.

Each translation is a copy of the English page (same slug, same translation key), so the listing's
filter and every theme link find it in the visitor's language. Kosovo is written Kosovo*
(Kosova*, Косово*): the footer carries the footnote.
Safe to run again: a page already translated into a language is left as it is.
"""

from wagtail.models import Page

from reintegra.site.demo_translations import translation_publish
from reintegra.site.models import BeneficiaryPage, ThematicAreaPage

# index slug -> language -> title
INDEX_TRANSLATIONS: dict[str, dict[str, str]] = {
    "thematic-areas": {"sq": "Fushat tematike", "sr": "Тематске области", "mk": "Тематски области"},
    "beneficiaries": {"sq": "Përfituesit", "sr": "Корисници", "mk": "Корисници"},
}
# slug -> language -> (title, summary)
THEME_TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "screening": {
        "sq": (
            "Depistimi dhe vlerësimi i rrezikut",
            "Si identifikohen të burgosurit ekstremistë të dhunshëm dhe si vlerësohet rreziku që paraqesin.",
        ),
        "sr": (
            "Тријажа и процена ризика",
            "Како се препознају насилни екстремистички затвореници и како се процењује ризик који представљају.",
        ),
        "mk": (
            "Скрининг и проценка на ризик",
            "Како се препознаваат насилните екстремистички затвореници и како се проценува ризикот што го претставуваат.",
        ),
    },
    "rehabilitation": {
        "sq": (
            "Rehabilitimi dhe shkëputja",
            "Programet që ndihmojnë të burgosurit të largohen nga ekstremizmi i dhunshëm.",
        ),
        "sr": (
            "Рехабилитација и одвајање од екстремизма",
            "Програми који помажу затвореницима да се удаље од насилног екстремизма.",
        ),
        "mk": (
            "Рехабилитација и оддалечување од екстремизмот",
            "Програми што им помагаат на затворениците да се оддалечат од насилниот екстремизам.",
        ),
    },
    "release": {
        "sq": (
            "Përgatitja për lirim dhe mbështetja pas dënimit",
            "Planifikimi i lirimit dhe mbikëqyrja e mbështetja nga shërbimi i provës pas daljes nga burgu.",
        ),
        "sr": (
            "Припрема за отпуст и постпенална подршка",
            "Планирање отпуста и надзор и подршка пробационе службе након изласка из затвора.",
        ),
        "mk": (
            "Подготовка за отпуштање и постпенална поддршка",
            "Планирање на отпуштањето и надзор и поддршка од пробацијата по излегувањето од затвор.",
        ),
    },
    "multi-agency": {
        "sq": (
            "Koordinimi ndërinstitucional",
            "Burgjet, shërbimi i provës, policia, shërbimet sociale dhe shoqëria civile punojnë së bashku.",
        ),
        "sr": (
            "Међуагенцијска координација",
            "Затвори, пробација, полиција, социјалне службе и цивилно друштво раде заједно.",
        ),
        "mk": (
            "Меѓуагенциска координација",
            "Затворите, пробацијата, полицијата, социјалните служби и граѓанското општество работат заедно.",
        ),
    },
    "training": {
        "sq": (
            "Ngritja e kapaciteteve dhe trajnimi",
            "Trajnimi i stafit të burgjeve dhe të provës që punon me të burgosurit ekstremistë të dhunshëm.",
        ),
        "sr": (
            "Изградња капацитета и обука",
            "Обука затворског и пробационог особља које ради са насилним екстремистичким затвореницима.",
        ),
        "mk": (
            "Градење капацитети и обука",
            "Обука на затворскиот и пробацискиот персонал што работи со насилни екстремистички затвореници.",
        ),
    },
}
# slug -> language -> title
BENEFICIARY_TRANSLATIONS: dict[str, dict[str, str]] = {
    "albania": {"sq": "Shqipëria", "sr": "Албанија", "mk": "Албанија"},
    "bosnia-and-herzegovina": {
        "sq": "Bosnja dhe Hercegovina",
        "sr": "Босна и Херцеговина",
        "mk": "Босна и Херцеговина",
    },
    "kosovo": {"sq": "Kosova*", "sr": "Косово*", "mk": "Косово*"},
    "montenegro": {"sq": "Mali i Zi", "sr": "Црна Гора", "mk": "Црна Гора"},
    "north-macedonia": {
        "sq": "Maqedonia e Veriut",
        "sr": "Северна Македонија",
        "mk": "Северна Македонија",
    },
    "serbia": {"sq": "Serbia", "sr": "Србија", "mk": "Србија"},
}


def demo_themes_seed(home: Page) -> int:
    """Returns how many translations were published."""
    published = 0
    for slug, languages in INDEX_TRANSLATIONS.items():
        index = home.get_children().get(slug=slug)
        for language, title in languages.items():
            published += translation_publish(index, language, title=title)
    for slug, theme_languages in THEME_TRANSLATIONS.items():
        theme = ThematicAreaPage.objects.get(slug=slug, locale=home.locale)
        for language, (title, summary) in theme_languages.items():
            published += translation_publish(theme, language, title=title, summary=summary)
    for slug, names in BENEFICIARY_TRANSLATIONS.items():
        beneficiary = BeneficiaryPage.objects.get(slug=slug, locale=home.locale)
        for language, title in names.items():
            published += translation_publish(beneficiary, language, title=title)
    return published
