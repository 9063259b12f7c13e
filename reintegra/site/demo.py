# ruff: noqa: E501, RUF001 -- long real titles and texts in other scripts are the demo content.
"""Publishes the demo public site: the action's real news and events, summaries written by us.

Safe to run again: pages are found by slug before anything is created.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from reintegra.site.demo_editorial import demo_reviewer_seed
from reintegra.site.demo_library import CONTENT_PAGES, demo_library_seed
from reintegra.site.demo_themes import demo_themes_seed
from reintegra.site.demo_translations import demo_translations_seed
from reintegra.site.models import (
    AttendanceMode,
    BeneficiaryIndexPage,
    BeneficiaryPage,
    ContentPage,
    EventIndexPage,
    EventPage,
    EventType,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ThematicAreaIndexPage,
    ThematicAreaPage,
)

THEMES = [
    ("screening", "Screening and risk assessment"),
    ("rehabilitation", "Rehabilitation and disengagement"),
    ("release", "Preparation for release and post-penal support"),
    ("multi-agency", "Multi-agency coordination"),
    ("training", "Capacity building and training"),
]
BENEFICIARIES = [
    ("albania", "Albania", False),
    ("bosnia-and-herzegovina", "Bosnia and Herzegovina", False),
    ("kosovo", "Kosovo*", True),
    ("montenegro", "Montenegro", False),
    ("north-macedonia", "North Macedonia", False),
    ("serbia", "Serbia", False),
]
# (slug, title, date, place, themes, beneficiaries, our summary)
NEWS = [
    (
        "probation-post-penal-support",
        "Training probation officers on post-penal support to released violent extremist prisoners (VEPs)",
        dt.date(2022, 12, 9),
        "Kosovo*",
        ["release", "training"],
        ["kosovo"],
        "Probation officers met their first released violent extremist prisoners in 2019 and 2020; this training gave them a shared way to plan supervision and support after release.",
    ),
    (
        "study-visit-north-macedonia",
        "North Macedonia hosted prison practitioners from the region, discussing best way forward for reintegration of violent extremist prisoners (VEPs)",
        dt.date(2022, 7, 6),
        "North Macedonia",
        ["screening", "rehabilitation"],
        ["north-macedonia", "bosnia-and-herzegovina", "kosovo"],
        "Prison staff from Bosnia and Herzegovina and Kosovo* spent two days in North Macedonia comparing how each system screens, assesses and manages violent extremist prisoners.",
    ),
    (
        "structured-professional-judgement",
        "Selected prison staff in Kosovo* and Serbia trained to make structured professional judgement when assessing violent extremist prisoners",
        dt.date(2022, 6, 22),
        "Kosovo* and Serbia",
        ["screening", "training"],
        ["kosovo", "serbia"],
        "Assessors practised reading behavioural indicators and recording a structured professional judgement that a colleague can follow and challenge.",
    ),
    (
        "albania-rehabilitation-tools",
        "Albanian prison staff enhances their capacities to implement rehabilitation tools and programme for violent extremist prisoners (VEPs)",
        dt.date(2022, 6, 17),
        "Albania",
        ["rehabilitation", "training"],
        ["albania"],
        "Albanian staff worked through the rehabilitation programme session by session, so that they can run it with prisoners on their own.",
    ),
    (
        "pristina-inter-agency-forum",
        "Last inter-agency forum in Pristina takes stock of achievements",
        dt.date(2022, 6, 13),
        "Pristina, Kosovo*",
        ["multi-agency"],
        ["kosovo"],
        "The last local forum brought prison, probation, police, social services and civil society together to review what their cooperation had achieved.",
    ),
    (
        "budva-pcve-exchange",
        "Practitioners from the Western Balkans continue to share experiences in preventing radicalisation and countering violent extremism (P/CVE) in prisons",
        dt.date(2022, 5, 19),
        "Budva, Montenegro",
        ["rehabilitation", "multi-agency"],
        ["montenegro"],
        "A regional meeting in Budva compared what each penitentiary system has learnt about preventing radicalisation behind bars.",
    ),
    (
        "bih-disengagement",
        "Participants from the region learn from BiH experiences in preventing radicalisation in prisons and disengaging violent extremist prisoners (VEPs)",
        dt.date(2022, 4, 11),
        "Bosnia and Herzegovina",
        ["rehabilitation"],
        ["bosnia-and-herzegovina"],
        "Colleagues from the region heard how Bosnia and Herzegovina works with prisoners who want to step away from violent extremism.",
    ),
    (
        "cooperation-of-all-actors",
        "Cooperation of all actors in society indispensable for successful reintegration of radicalised inmates and violent extremism prisoners (VEPs)",
        dt.date(2021, 12, 14),
        "",
        ["multi-agency", "release"],
        [],
        "Reintegration succeeds only when prisons, probation, municipalities, families and civil society work from the same plan.",
    ),
    (
        "sustainable-training",
        "Sustainable and quality training programs are vital for professional response to radicalisation and violent extremism",
        dt.date(2021, 11, 19),
        "Western Balkans",
        ["training"],
        [],
        "Training that lasts needs national trainers, a curriculum that is kept up to date and a way to check what staff have learnt.",
    ),
    (
        "rehabilitation-exchange",
        "Western Balkans prison practitioners exchanged experiences in rehabilitation of violent extremist prisoners",
        dt.date(2021, 10, 15),
        "Western Balkans",
        ["rehabilitation"],
        [],
        "Practitioners compared individual treatment plans and the obstacles they meet when running them.",
    ),
    (
        "equipment-donated",
        "Equipment for occupational therapy and vocational training donated to 4 penitentiary systems in the Western Balkans",
        dt.date(2021, 9, 30),
        "Western Balkans",
        ["rehabilitation"],
        [],
        "Four penitentiary systems received equipment so that prisoners can learn a trade and take part in occupational therapy.",
    ),
    (
        "local-coordination",
        "Coordination between local stakeholders on reintegration of VEPs in the Western Balkans region further strengthens",
        dt.date(2021, 7, 2),
        "Sarajevo, Skopje and Bijelo Polje",
        ["multi-agency"],
        ["bosnia-and-herzegovina", "north-macedonia", "montenegro"],
        "Local forums in three towns agreed who does what when a violent extremist prisoner comes home.",
    ),
    (
        "grant-agreements-training",
        "Online training on the implementation of the Grant Agreements",
        dt.date(2021, 4, 20),
        "Online",
        ["training"],
        [],
        "Grant holders learnt how to report on their activities and spending.",
    ),
    (
        "serbia-rehabilitation-programme",
        "Rehabilitation Program and Treatment Plan for Violent Extremist Prisoners (VEPs) in Serbia finalised",
        dt.date(2020, 11, 24),
        "Belgrade",
        ["rehabilitation"],
        ["serbia"],
        "Serbia's rehabilitation programme and treatment plan are ready for use in its prisons.",
    ),
]
EVENTS = [
    (
        "working-group-training-2020",
        "Second regional Working Group session on capacity building and training of prison and probation staff",
        dt.datetime(2020, 7, 6, 9),
        dt.datetime(2020, 7, 7, 17),
        "",
        AttendanceMode.ONLINE,
        EventType.WORKING_GROUP,
        "The working group discussed what prison and probation staff need to learn to address radicalisation and violent extremism.",
    ),
    (
        "training-provision-tirana-2019",
        "Enhancing training provision in Western Balkans region",
        dt.datetime(2019, 12, 12, 9),
        dt.datetime(2019, 12, 13, 17),
        "Tirana, Albania",
        AttendanceMode.OFFLINE,
        EventType.REGIONAL_CONFERENCE,
        "Representatives of the six beneficiaries compared their training offer for staff who work with violent extremist prisoners.",
    ),
]
PURPOSE = (
    "<p>A regional action of the European Union and the Council of Europe helped the prison and "
    "probation services of Albania, Bosnia and Herzegovina, Kosovo*, Montenegro, North Macedonia "
    "and Serbia respond to radicalisation in prisons: shared standards, tools for assessment and "
    "rehabilitation, coordination between agencies and support after release.</p>"
)
FIGURES = "6 | beneficiaries\n36 | months\n€2,000,000 | budget"
# Albanian, Serbian and Macedonian versions we wrote for the home page and the news index.
TRANSLATIONS: dict[str, dict[str, Any]] = {
    "sq": {
        "home": (
            "Platforma e njohurive",
            "<p>Një veprim rajonal i Bashkimit Evropian dhe Këshillit të Evropës ndihmoi shërbimet e burgjeve dhe të provës në rajon t'i përgjigjen radikalizimit në burgje.</p>",
        ),
        "news": "Lajme",
        "events": "Ngjarje",
        "items": {
            "probation-post-penal-support": (
                "Trajnimi i oficerëve të provës për mbështetjen pas lirimit të të burgosurve ekstremistë të dhunshëm",
                "Oficerët e provës mësuan një mënyrë të përbashkët për të planifikuar mbikëqyrjen dhe mbështetjen pas lirimit.",
            ),
            "albania-rehabilitation-tools": (
                "Stafi i burgjeve në Shqipëri forcon kapacitetet për programin e rehabilitimit",
                "Stafi shqiptar punoi me programin e rehabilitimit seancë pas seance.",
            ),
        },
    },
    "sr": {
        "home": (
            "Платформа знања",
            "<p>Регионална акција Европске уније и Савета Европе помогла је затворским и пробационим службама у региону да одговоре на радикализацију у затворима.</p>",
        ),
        "news": "Вести",
        "events": "Догађаји",
        "items": {
            "serbia-rehabilitation-programme": (
                "Завршен програм рехабилитације и план третмана за насилне екстремистичке затворенике у Србији",
                "Програм рехабилитације и план третмана спремни су за примену у затворима Србије.",
            ),
        },
    },
    "mk": {
        "home": (
            "Платформа на знаење",
            "<p>Регионална акција на Европската унија и Советот на Европа им помогна на затворските и пробациските служби во регионот да одговорат на радикализацијата во затворите.</p>",
        ),
        "news": "Вести",
        "events": "Настани",
        "items": {
            "study-visit-north-macedonia": (
                "Северна Македонија беше домаќин на затворски практичари од регионот",
                "Затворски персонал од регионот ги спореди пристапите за проценка и управување со насилни екстремистички затвореници.",
            ),
        },
    },
}


def _child(parent: Page, model: type[Page], slug: str, **fields: Any) -> Any:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value)


def _home() -> HomePage:
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePage.objects.filter(locale=english).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(
        title="Addressing radicalisation in prisons in the Western Balkans",
        slug="public-home",
        purpose=PURPOSE,
        key_figures=FIGURES,
        locale=english,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = "Reintegra"
        site.save()
    if old_root is not None and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home


def _translate(page: Page, language: str, title: str, **fields: Any) -> None:
    locale = Locale.objects.get_or_create(language_code=language)[0]
    if page.get_translations().filter(locale=locale).exists():
        return
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()


@transaction.atomic
def demo_site_seed() -> int:
    """Returns how many news items were created."""
    home = _home()
    themes_index = _child(
        home, ThematicAreaIndexPage, "thematic-areas", title="Thematic areas", show_in_menus=True
    )
    themes = {
        slug: _child(themes_index, ThematicAreaPage, slug, title=title, summary=title + ".")
        for slug, title in THEMES
    }
    beneficiaries_index = _child(
        home, BeneficiaryIndexPage, "beneficiaries", title="Beneficiaries", show_in_menus=True
    )
    beneficiaries = {
        slug: _child(beneficiaries_index, BeneficiaryPage, slug, title=title, names_kosovo=kosovo)
        for slug, title, kosovo in BENEFICIARIES
    }
    news_index = _child(home, NewsIndexPage, "news", title="News", show_in_menus=True)
    events_index = _child(home, EventIndexPage, "events", title="Events", show_in_menus=True)
    created = 0
    for slug, title, date, place, theme_slugs, beneficiary_slugs, summary in NEWS:
        if NewsPage.objects.child_of(news_index).filter(slug=slug).exists():
            continue
        item = NewsPage(
            slug=slug, title=title, date=date, place=place, summary=summary, source_id=slug
        )
        item.thematic_areas.set([themes[s] for s in theme_slugs])
        item.beneficiaries.set([beneficiaries[s] for s in beneficiary_slugs])
        news_index.add_child(instance=item)
        item.save_revision().publish()
        created += 1
    for slug, title, start, end, venue, mode, kind, summary in EVENTS:
        if EventPage.objects.child_of(events_index).filter(slug=slug).exists():
            continue
        event = EventPage(
            slug=slug,
            title=title,
            start=_aware(start),
            end=_aware(end),
            venue=venue,
            attendance_mode=mode,
            event_type=kind,
            summary=summary,
            source_id=slug,
        )
        event.thematic_areas.set([themes["training"]])
        events_index.add_child(instance=event)
        event.save_revision().publish()
    for slug, title, body in CONTENT_PAGES:
        _child(home, ContentPage, slug, title=title, body=body)
    for language, texts in TRANSLATIONS.items():
        home_title, home_purpose = texts["home"]
        _translate(home, language, home_title, purpose=home_purpose)
        _translate(news_index, language, texts["news"])
        _translate(events_index, language, texts["events"])
        for slug, (title, summary) in texts["items"].items():
            _translate(
                NewsPage.objects.get(slug=slug, locale=home.locale),
                language,
                title,
                summary=summary,
            )
    demo_themes_seed(home)
    demo_translations_seed(home.locale)
    demo_library_seed(home, themes)
    demo_reviewer_seed()
    return created
