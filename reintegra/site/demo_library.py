# ruff: noqa: E501, RUF001 -- real document titles and texts in other scripts are the demo content.
"""The demo document library: real Council of Europe instruments, demo copies of their files.

The files are one-page PDFs that say they are demo copies; the titles and dates are real.
Safe to run again: publications are found by title and language before anything is created.
"""

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Locale, Page

from reintegra.site.library import (
    DocumentLibraryPage,
    Publication,
    PublicationFile,
    PublicationKind,
)

# (title, kind, date, theme slugs, file languages, our summary)
PUBLICATIONS = [
    (
        "European Prison Rules (Recommendation Rec(2006)2-rev)",
        PublicationKind.LEGAL_INSTRUMENT,
        dt.date(2020, 7, 1),
        ["rehabilitation", "release"],
        ["en", "sq", "sr", "mk"],
        "The Council of Europe's standards for the treatment of prisoners and the management of prisons, as revised in 2020.",
    ),
    (
        "Council of Europe Probation Rules (Recommendation CM/Rec(2010)1)",
        PublicationKind.LEGAL_INSTRUMENT,
        dt.date(2010, 1, 20),
        ["release", "multi-agency"],
        ["en", "sr"],
        "Standards for probation agencies: supervision, support and cooperation with other services in the community.",
    ),
    (
        "European Rules on community sanctions and measures (Recommendation CM/Rec(2017)3)",
        PublicationKind.LEGAL_INSTRUMENT,
        dt.date(2017, 3, 22),
        ["release"],
        ["en"],
        "How sentences served in the community should be imposed and carried out with respect for the rights of the people under them.",
    ),
    (
        "Recommendation CM/Rec(2014)3 concerning dangerous offenders",
        PublicationKind.LEGAL_INSTRUMENT,
        dt.date(2014, 2, 19),
        ["screening"],
        ["en"],
        "Principles for assessing and managing offenders considered dangerous, with safeguards for their rights.",
    ),
    (
        "Guidelines for prison and probation services regarding radicalisation and violent extremism",
        PublicationKind.KEY_DOCUMENTATION,
        dt.date(2016, 3, 2),
        ["screening", "rehabilitation", "multi-agency"],
        ["en", "sq", "mk"],
        "Guidance adopted by the Committee of Ministers on preventing radicalisation in prison and probation and on disengagement.",
    ),
    (
        "Council of Europe Handbook for Prison and Probation Services regarding Radicalisation and Violent Extremism",
        PublicationKind.KEY_DOCUMENTATION,
        dt.date(2016, 12, 1),
        ["screening", "rehabilitation", "training"],
        ["en", "sr"],
        "A practical companion to the guidelines: examples of risk assessment, interventions and staff training.",
    ),
    (
        "Capacity-development and training framework matrix for prison and probation staff",
        PublicationKind.PUBLICATION,
        dt.date(2021, 11, 19),
        ["training"],
        ["en", "sq", "sr", "mk"],
        "The action's matrix of what prison and probation staff working with violent extremist prisoners should learn, and how.",
    ),
    (
        "Good approaches, practices and lessons learnt in the reintegration of violent extremist prisoners",
        PublicationKind.PUBLICATION,
        dt.date(2022, 6, 13),
        ["rehabilitation", "release", "multi-agency"],
        ["en"],
        "What the six beneficiaries learnt while preparing violent extremist prisoners for release and supporting them afterwards.",
    ),
]
# Our translations of titles and summaries, for the originals above that are translated.
PUBLICATION_TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "European Prison Rules (Recommendation Rec(2006)2-rev)": {
        "sq": (
            "Rregullat Evropiane të Burgjeve (Rekomandimi Rec(2006)2-rev)",
            "Standardet e Këshillit të Evropës për trajtimin e të burgosurve dhe menaxhimin e burgjeve, të rishikuara në vitin 2020.",
        ),
        "sr": (
            "Европска затворска правила (Препорука Rec(2006)2-rev)",
            "Стандарди Савета Европе за поступање са затвореницима и управљање затворима, ревидирани 2020. године.",
        ),
        "mk": (
            "Европски затворски правила (Препорака Rec(2006)2-rev)",
            "Стандардите на Советот на Европа за постапување со затворениците и управување со затворите, ревидирани во 2020 година.",
        ),
    },
    "Guidelines for prison and probation services regarding radicalisation and violent extremism": {
        "sq": (
            "Udhëzimet për shërbimet e burgjeve dhe të provës në lidhje me radikalizimin dhe ekstremizmin e dhunshëm",
            "Udhëzime të miratuara nga Komiteti i Ministrave për parandalimin e radikalizimit në burg dhe në provë, si dhe për shkëputjen nga ekstremizmi.",
        ),
        "mk": (
            "Насоки за затворските и пробациските служби во врска со радикализацијата и насилниот екстремизам",
            "Насоки усвоени од Комитетот на министри за спречување на радикализацијата во затворите и пробацијата и за откажување од насилниот екстремизам.",
        ),
    },
}
LIBRARY_TITLES = {
    "sq": "Biblioteka e dokumenteve",
    "sr": "Библиотека докумената",
    "mk": "Библиотека на документи",
}
LANGUAGE_NAMES = {"en": "English", "sq": "Albanian", "sr": "Serbian", "mk": "Macedonian"}


def _demo_pdf(text: str) -> bytes:
    """A one-page PDF carrying one line of ASCII text, written by hand so no library is needed."""
    safe = (
        text.encode("ascii", "replace")
        .decode()
        .replace("\\", "")
        .replace("(", "[")
        .replace(")", "]")
    )
    stream = f"BT /F1 12 Tf 56 780 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _document(title: str, language: str, slug: str) -> Document:
    document_title = f"{title} ({LANGUAGE_NAMES[language]})"
    existing = Document.objects.filter(title=document_title).first()
    if existing is not None:
        return existing
    document = Document(title=document_title)
    document.file.save(
        f"{slug}-{language}.pdf",
        ContentFile(_demo_pdf(f"Demo copy - {document_title}")),
        save=False,
    )
    document.file_size = document.file.size
    document.save()
    return document


def demo_library_seed(home: Page, themes: dict[str, Page]) -> int:
    """Returns how many publications were created (originals and translations)."""
    library = DocumentLibraryPage.objects.child_of(home).filter(slug="documents").first()
    if library is None:
        library = DocumentLibraryPage(
            slug="documents",
            title="Document library",
            show_in_menus=True,
            intro="<p>Publications of the action, key documentation and the legal instruments of the Council of Europe, with a file in each language available.</p>",
        )
        home.add_child(instance=library)
        library.save_revision().publish()
    for language, library_title in LIBRARY_TITLES.items():
        locale = Locale.objects.get_or_create(language_code=language)[0]
        if not library.get_translations().filter(locale=locale).exists():
            copy = library.copy_for_translation(locale, copy_parents=True)
            copy.title = library_title
            copy.save_revision().publish()
    english = home.locale
    created = 0
    for number, (title, kind, date, theme_slugs, languages, summary) in enumerate(PUBLICATIONS):
        original = Publication.objects.filter(title=title, locale=english).first()
        if original is None:
            original = Publication(
                kind=kind, title=title, date=date, summary=summary, locale=english
            )
            original.save()
            original.thematic_areas.set([themes[s] for s in theme_slugs])
            slug = f"publication-{number + 1}"
            for language in languages:
                PublicationFile.objects.create(
                    publication=original,
                    language=language,
                    document=_document(title, language, slug),
                )
            original.save()
            created += 1
        for language, (translated_title, translated_summary) in PUBLICATION_TRANSLATIONS.get(
            title, {}
        ).items():
            created += _translate_publication(
                original, language, translated_title, translated_summary
            )
    return created


def _translate_publication(original: Publication, language: str, title: str, summary: str) -> int:
    locale = Locale.objects.get_or_create(language_code=language)[0]
    if Publication.objects.filter(translation_key=original.translation_key, locale=locale).exists():
        return 0
    copy: Any = original.copy_for_translation(locale)
    copy.title = title
    copy.summary = summary
    copy.save()
    return 1


# The statements every public page links to, and the sidebar's useful links.
CONTENT_PAGES = [
    (
        "accessibility",
        "Accessibility statement",
        "<p>This platform aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA. "
        "Every page works without JavaScript, can be used with a keyboard alone, keeps its meaning when text is enlarged to 200% "
        "and gives images a text alternative.</p>"
        "<h2>Known limitations</h2><p>Some older documents in the library are scanned files without a text layer. "
        "Ask for an accessible copy and we will send one within ten working days.</p>"
        "<h2>How we test</h2><p>Automated checks with axe-core run on the main pages before each release, and editors check "
        "new pages with the accessibility checker of the editing interface.</p>",
    ),
    (
        "privacy",
        "Privacy notice",
        "<p>Visitors can read this platform without signing in and without cookies, apart from one that remembers the chosen language.</p>"
        "<h2>What the server records</h2><p>The web server keeps the address of each request and the time for 30 days, to protect the service against abuse. "
        "The records are not shared and are not used to profile visitors.</p>"
        "<h2>Your rights</h2><p>You may ask what the service holds about you and ask for it to be corrected or erased, by writing to the data protection officer of the organisation that runs this instance.</p>",
    ),
    (
        "useful-links",
        "Useful links",
        '<ul><li><a href="https://www.coe.int/en/web/prison">Council of Europe: prisons and probation</a></li>'
        '<li><a href="https://www.coe.int/en/web/cpt">European Committee for the Prevention of Torture (CPT)</a></li>'
        '<li><a href="https://www.cep-probation.org/">Confederation of European Probation (CEP)</a></li>'
        '<li><a href="https://www.europris.org/">European Organisation of Prison and Correctional Services (EuroPris)</a></li>'
        '<li><a href="https://home-affairs.ec.europa.eu/networks/radicalisation-awareness-network-ran_en">Radicalisation Awareness Network (RAN)</a></li></ul>',
    ),
]
