# ruff: noqa: E501, RUF001 -- texts in other scripts are the demo content.
"""More of the demo news and events in Albanian, Serbian (Cyrillic) and Macedonian.

Titles are our translations of the real titles; places are the real places; summaries are ours.
Kosovo is always written Kosovo* (Kosovë*, Косово*): the footer carries the footnote.
Safe to run again: a page already translated into a language is left as it is.
"""

from typing import Any

from wagtail.models import Locale, Page

from reintegra.site.models import EventPage, NewsPage

# slug -> language -> (title, place, summary)
NEWS_TRANSLATIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "probation-post-penal-support": {
        "sr": (
            "Обука службеника за пробацију о подршци након отпуста насилним екстремистичким затвореницима",
            "Косово*",
            "Службеници за пробацију први пут су радили са отпуштеним насилним екстремистичким затвореницима 2019. и 2020. године; обука им је дала заједнички начин планирања надзора и подршке након отпуста.",
        ),
        "mk": (
            "Обука на пробациските службеници за поддршка по отпуштање на насилни екстремистички затвореници",
            "Косово*",
            "Пробациските службеници првпат работеа со отпуштени насилни екстремистички затвореници во 2019 и 2020 година; обуката им даде заеднички начин за планирање на надзорот и поддршката по отпуштањето.",
        ),
    },
    "study-visit-north-macedonia": {
        "sq": (
            "Maqedonia e Veriut priti praktikues të burgjeve nga rajoni për riintegrimin e të burgosurve ekstremistë të dhunshëm",
            "Maqedonia e Veriut",
            "Stafi i burgjeve nga Bosnja dhe Hercegovina dhe Kosova* kaloi dy ditë në Maqedoninë e Veriut duke krahasuar si secili sistem i vlerëson dhe i menaxhon të burgosurit ekstremistë të dhunshëm.",
        ),
        "sr": (
            "Северна Македонија угостила затворске практичаре из региона о реинтеграцији насилних екстремистичких затвореника",
            "Северна Македонија",
            "Затворско особље из Босне и Херцеговине и са Косова* провело је два дана у Северној Македонији упоређујући како сваки систем процењује насилне екстремистичке затворенике и управља њима.",
        ),
    },
    "structured-professional-judgement": {
        "sq": (
            "Stafi i përzgjedhur i burgjeve në Kosovë* dhe Serbi trajnohet për gjykimin profesional të strukturuar në vlerësimin e të burgosurve ekstremistë të dhunshëm",
            "Kosovë* dhe Serbi",
            "Vlerësuesit ushtruan leximin e treguesve të sjelljes dhe regjistrimin e një gjykimi profesional të strukturuar që një koleg mund ta ndjekë dhe ta vërë në pikëpyetje.",
        ),
        "sr": (
            "Одабрано затворско особље на Косову* и у Србији обучено за структурисану професионалну процену насилних екстремистичких затвореника",
            "Косово* и Србија",
            "Проценитељи су вежбали читање показатеља понашања и бележење структурисане професионалне процене коју колега може да прати и преиспита.",
        ),
        "mk": (
            "Избран затворски персонал во Косово* и Србија обучен за структурирана професионална проценка на насилни екстремистички затвореници",
            "Косово* и Србија",
            "Проценувачите вежбаа читање на индикатори на однесување и запишување структурирана професионална проценка што колегата може да ја следи и оспори.",
        ),
    },
    "albania-rehabilitation-tools": {
        "sr": (
            "Затворско особље у Албанији јача капацитете за примену алата и програма рехабилитације насилних екстремистичких затвореника",
            "Албанија",
            "Албанско особље прошло је програм рехабилитације сесију по сесију, како би могло самостално да га спроводи са затвореницима.",
        ),
        "mk": (
            "Затворскиот персонал во Албанија ги зајакнува капацитетите за примена на алатки и програма за рехабилитација на насилни екстремистички затвореници",
            "Албанија",
            "Албанскиот персонал ја помина програмата за рехабилитација сесија по сесија, за да може самостојно да ја спроведува со затворениците.",
        ),
    },
    "pristina-inter-agency-forum": {
        "sq": (
            "Forumi i fundit ndërinstitucional në Prishtinë bën bilancin e arritjeve",
            "Prishtinë, Kosovë*",
            "Forumi i fundit lokal bashkoi burgjet, shërbimin e provës, policinë, shërbimet sociale dhe shoqërinë civile për të rishikuar çfarë arriti bashkëpunimi i tyre.",
        ),
        "sr": (
            "Последњи међуагенцијски форум у Приштини сумира постигнућа",
            "Приштина, Косово*",
            "Последњи локални форум окупио је затворе, пробацију, полицију, социјалне службе и цивилно друштво да размотре шта је њихова сарадња постигла.",
        ),
        "mk": (
            "Последниот меѓуагенциски форум во Приштина ги сумира постигнувањата",
            "Приштина, Косово*",
            "Последниот локален форум ги собра затворите, пробацијата, полицијата, социјалните служби и граѓанското општество за да го разгледаат она што го постигна нивната соработка.",
        ),
    },
    "budva-pcve-exchange": {
        "sq": (
            "Praktikuesit nga Ballkani Perëndimor vazhdojnë të ndajnë përvojat në parandalimin e radikalizimit dhe luftën kundër ekstremizmit të dhunshëm në burgje",
            "Budva, Mali i Zi",
            "Një takim rajonal në Budva krahasoi çfarë ka mësuar secili sistem penitenciar për parandalimin e radikalizimit pas hekurave.",
        ),
        "sr": (
            "Практичари са Западног Балкана настављају да размењују искуства у спречавању радикализације и сузбијању насилног екстремизма у затворима",
            "Будва, Црна Гора",
            "Регионални састанак у Будви упоредио је шта је сваки казнено-поправни систем научио о спречавању радикализације иза решетака.",
        ),
        "mk": (
            "Практичарите од Западен Балкан продолжуваат да споделуваат искуства во спречувањето на радикализацијата и спротивставувањето на насилниот екстремизам во затворите",
            "Будва, Црна Гора",
            "Регионална средба во Будва спореди што научил секој казнено-поправен систем за спречување на радикализацијата зад решетките.",
        ),
    },
    "serbia-rehabilitation-programme": {
        "sq": (
            "Përfundon programi i rehabilitimit dhe plani i trajtimit për të burgosurit ekstremistë të dhunshëm në Serbi",
            "Beograd",
            "Programi i rehabilitimit dhe plani i trajtimit i Serbisë janë gati për t'u përdorur në burgjet e saj.",
        ),
        "mk": (
            "Финализирана програмата за рехабилитација и планот за третман на насилни екстремистички затвореници во Србија",
            "Белград",
            "Програмата за рехабилитација и планот за третман на Србија се подготвени за примена во нејзините затвори.",
        ),
    },
    "local-coordination": {
        "sq": (
            "Forcohet më tej koordinimi ndërmjet aktorëve lokalë për riintegrimin e të burgosurve ekstremistë të dhunshëm në Ballkanin Perëndimor",
            "Sarajevë, Shkup dhe Bijelo Pole",
            "Forumet lokale në tri qytete ranë dakord kush bën çfarë kur një i burgosur ekstremist i dhunshëm kthehet në shtëpi.",
        ),
        "sr": (
            "Даље јача координација локалних актера у реинтеграцији насилних екстремистичких затвореника на Западном Балкану",
            "Сарајево, Скопље и Бијело Поље",
            "Локални форуми у три града договорили су ко шта ради када се насилни екстремистички затвореник врати кући.",
        ),
        "mk": (
            "Понатаму се зајакнува координацијата меѓу локалните чинители за реинтеграција на насилни екстремистички затвореници во Западен Балкан",
            "Сараево, Скопје и Бијело Поле",
            "Локалните форуми во три града се договорија кој што прави кога насилен екстремистички затвореник ќе се врати дома.",
        ),
    },
}
# slug -> language -> (title, venue, summary)
EVENT_TRANSLATIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "working-group-training-2020": {
        "sq": (
            "Sesioni i dytë i Grupit Rajonal të Punës për ngritjen e kapaciteteve dhe trajnimin e stafit të burgjeve dhe të provës",
            "",
            "Grupi i punës diskutoi çfarë duhet të mësojë stafi i burgjeve dhe i provës për t'iu përgjigjur radikalizimit dhe ekstremizmit të dhunshëm.",
        ),
        "sr": (
            "Друга седница регионалне радне групе о изградњи капацитета и обуци затворског и пробационог особља",
            "",
            "Радна група је разговарала о томе шта затворско и пробационо особље треба да научи да би одговорило на радикализацију и насилни екстремизам.",
        ),
        "mk": (
            "Втора седница на регионалната работна група за градење капацитети и обука на затворскиот и пробацискиот персонал",
            "",
            "Работната група разговараше за тоа што треба да научи затворскиот и пробацискиот персонал за да одговори на радикализацијата и насилниот екстремизам.",
        ),
    },
    "training-provision-tirana-2019": {
        "sq": (
            "Përmirësimi i ofrimit të trajnimeve në rajonin e Ballkanit Perëndimor",
            "Tiranë, Shqipëri",
            "Përfaqësuesit e gjashtë përfituesve krahasuan ofertën e tyre të trajnimit për stafin që punon me të burgosurit ekstremistë të dhunshëm.",
        ),
        "sr": (
            "Унапређење пружања обука у региону Западног Балкана",
            "Тирана, Албанија",
            "Представници шест корисника упоредили су своју понуду обука за особље које ради са насилним екстремистичким затвореницима.",
        ),
        "mk": (
            "Унапредување на обуките во регионот на Западен Балкан",
            "Тирана, Албанија",
            "Претставниците на шесте корисници ја споредија својата понуда на обуки за персоналот што работи со насилни екстремистички затвореници.",
        ),
    },
}


def translation_publish(page: Page, language: str, **fields: Any) -> int:
    """Publish the page's translation into `language` with `fields`; 0 when it already exists."""
    locale = Locale.objects.get_or_create(language_code=language)[0]
    if page.get_translations().filter(locale=locale).exists():
        return 0
    copy: Any = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return 1


def demo_translations_seed(english: Locale) -> int:
    """Returns how many translations were published."""
    published = 0
    for slug, languages in NEWS_TRANSLATIONS.items():
        original = NewsPage.objects.get(slug=slug, locale=english)
        for language, (title, place, summary) in languages.items():
            published += translation_publish(
                original, language, title=title, place=place, summary=summary
            )
    for slug, languages in EVENT_TRANSLATIONS.items():
        event = EventPage.objects.get(slug=slug, locale=english)
        for language, (title, venue, summary) in languages.items():
            published += translation_publish(
                event, language, title=title, venue=venue, summary=summary
            )
    return published
