"""The document library: publications, key documentation and legal instruments, one file a language.

A publication is a translatable snippet (its title and summary are written per language); each
translation lists the files it is available in, so a visitor reading Albanian can still download
the English original when no Albanian file exists.
"""
# mypy: disable-error-code="var-annotated"

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index

PUBLICATIONS_PER_PAGE = 30


class PublicationKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    KEY_DOCUMENTATION = "key_documentation", _("Key documentation")
    LEGAL_INSTRUMENT = "legal_instrument", _("Legal instrument")


class Publication(TranslatableMixin, index.Indexed, ClusterableModel):
    kind = models.CharField(_("kind"), max_length=30, choices=PublicationKind)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)
    thematic_areas = ParentalManyToManyField(
        "public_site.ThematicAreaPage", blank=True, related_name="publications"
    )
    beneficiaries = ParentalManyToManyField(
        "public_site.BeneficiaryPage", blank=True, related_name="publications"
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("thematic_areas"),
        FieldPanel("beneficiaries"),
        InlinePanel("files", heading=_("Files, one per language"), label=_("file")),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title

    def files_in_language_order(self) -> list["PublicationFile"]:
        """The visitor's language first, then the others in the order of the site's languages."""
        order = [code for code, _name in settings.LANGUAGES]
        files = list(self.files.all())
        own = self.locale.language_code
        return sorted(
            files,
            key=lambda f: (
                f.language != own,
                order.index(f.language) if f.language in order else 99,
            ),
        )


class PublicationFile(Orderable):
    publication = ParentalKey(Publication, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(
        _("language of the file"), max_length=10, choices=settings.LANGUAGES
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("language"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("publication file")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language"], name="publication_one_file_per_language"
            )
        ]

    def language_name(self) -> str:
        return str(dict(settings.LANGUAGES).get(self.language, self.language))


def publications_for_locale(locale: Locale) -> QuerySet[Publication]:
    """Publications written in `locale`, and the originals of those not yet translated into it."""
    default = Locale.get_default()
    queryset = Publication.objects.all()
    if locale.pk == default.pk:
        queryset = queryset.filter(locale=locale)
    else:
        translated = Publication.objects.filter(locale=locale).values("translation_key")
        queryset = queryset.filter(
            Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated))
        )
    files = Prefetch("files", queryset=PublicationFile.objects.select_related("document"))
    return queryset.select_related("locale").prefetch_related(files)


def publications_for_theme(theme: Page) -> QuerySet[Publication]:
    """A thematic area's documents: theme links are made on the English original or its copy."""
    keys = Page.objects.filter(translation_key=theme.translation_key).values("pk")
    return (
        publications_for_locale(theme.locale)
        .filter(thematic_areas__in=keys)
        .distinct()
        .order_by("-date", "title")
    )


class DocumentLibraryPage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public_site.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("document library")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(library_listing(self, request))
        return context


def library_listing(library: Page, request: HttpRequest) -> dict[str, Any]:
    from reintegra.site.models import ThematicAreaPage

    locale = library.locale
    items = publications_for_locale(locale)
    themes = list(ThematicAreaPage.objects.live().filter(locale=locale).order_by("title"))
    problems: list[str] = []
    chosen: dict[str, str] = {}

    kind = request.GET.get("kind", "")
    if kind:
        if kind in PublicationKind.values:
            items = items.filter(kind=kind)
            chosen["kind"] = kind
        else:
            problems.append(gettext("There is no kind of document called “%s”.") % kind[:60])
            items = items.none()
    theme = request.GET.get("theme", "")
    if theme:
        match = next((t for t in themes if t.slug == theme), None)
        if match is None:
            problems.append(gettext("There is no thematic area called “%s”.") % theme[:60])
            items = items.none()
        else:
            keys = Page.objects.filter(translation_key=match.translation_key).values("pk")
            items = items.filter(thematic_areas__in=keys).distinct()
            chosen["theme"] = theme
    year = request.GET.get("year", "")
    if year:
        if year.isdigit() and len(year) == 4:
            items = items.filter(date__year=int(year))
            chosen["year"] = year
        else:
            problems.append(gettext("“%s” is not a year.") % year[:60])
            items = items.none()

    paginator = Paginator(items.order_by("-date", "title", "pk"), PUBLICATIONS_PER_PAGE)
    raw_page = request.GET.get("page", "1")
    number = int(raw_page) if raw_page.isdigit() else 0
    if number < 1 or number > paginator.num_pages:
        problems.append(
            gettext("There is no page “%(page)s”; this listing has %(count)d page(s).")
            % {"page": raw_page[:20], "count": paginator.num_pages}
        )
        number = 1
    page = paginator.page(number)
    years = sorted(
        {d.year for d in publications_for_locale(locale).dates("date", "year")}, reverse=True
    )
    return {
        "page_obj": page,
        "publications": list(page.object_list),
        "paginator": paginator,
        "filter_query": "&".join(f"{key}={value}" for key, value in chosen.items()),
        "chosen": chosen,
        "problems": problems,
        "kinds": PublicationKind.choices,
        "themes": themes,
        "years": years,
    }
