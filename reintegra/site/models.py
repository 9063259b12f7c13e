"""The public knowledge platform: typed Wagtail pages, one tree per language."""
# mypy: disable-error-code="var-annotated"
# (the Django plugin cannot infer field types on Wagtail Page subclasses)

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

NEWS_PER_PAGE = 30
# Upcoming events are few and all shown; the past grows every year, so it comes a page at a time.
PAST_EVENTS_PER_PAGE = 20


def in_language(model: type[Page], linked: Iterable[Page], locale_id: int) -> list[Page]:
    """Each linked page in the given language when it is live there, else the page as linked.

    A thematic area or beneficiary is one subject across languages (one translation key):
    translating a news item keeps its links on the pages it was copied from, so links are
    resolved here rather than re-made by hand on every copy.
    """
    pages = list(linked)
    if all(page.locale_id == locale_id for page in pages):
        return pages
    keys = [page.translation_key for page in pages]
    translated = {
        page.translation_key: page
        for page in model.objects.live().filter(locale_id=locale_id, translation_key__in=keys)
    }
    return [translated.get(page.translation_key, page) for page in pages]


def linked_to(model: type[Page], relation: str, subject: Page) -> QuerySet[Any]:
    """Live pages of `model` in the subject's language linked to any language version of it."""
    linked = model.objects.filter(**{f"{relation}__translation_key": subject.translation_key})
    return model.objects.live().filter(locale_id=subject.locale_id, pk__in=linked.values("pk"))


class HomePage(Page):
    purpose = RichTextField(_("purpose of the action"), blank=True)
    key_figures = models.TextField(
        _("key figures"), blank=True, help_text=_("One figure a line: value | label")
    )

    content_panels = [*Page.content_panels, FieldPanel("purpose"), FieldPanel("key_figures")]
    max_count_per_parent = 1
    subpage_types = [
        "public_site.NewsIndexPage",
        "public_site.EventIndexPage",
        "public_site.ThematicAreaIndexPage",
        "public_site.BeneficiaryIndexPage",
        "public_site.ContentPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def figures(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.key_figures.splitlines():
            value, _sep, label = line.partition("|")
            if value.strip():
                rows.append((value.strip(), label.strip()))
        return rows

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live().filter(locale=self.locale).order_by("-date")[:3]
        )
        context["upcoming_events"] = (
            EventPage.objects.live()
            .filter(locale=self.locale, end__gte=timezone.now())
            .order_by("start")[:3]
        )
        return context


class ThematicAreaIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public_site.HomePage"]
    subpage_types = ["public_site.ThematicAreaPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("thematic areas")


class ThematicAreaPage(Page):
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["public_site.ThematicAreaIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("thematic area")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["news"] = linked_to(NewsPage, "thematic_areas", self).order_by("-date")[:10]
        context["events"] = linked_to(EventPage, "thematic_areas", self).order_by("-start")[:10]
        context["documents"] = publications_for_theme(self)[:10]
        return context


class BeneficiaryIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public_site.HomePage"]
    subpage_types = ["public_site.BeneficiaryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("beneficiaries")


class BeneficiaryPage(Page):
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    names_kosovo = models.BooleanField(
        _("names Kosovo"), default=False, help_text=_("Shows the Kosovo* footnote.")
    )
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("names_kosovo"),
    ]
    parent_page_types = ["public_site.BeneficiaryIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("beneficiary")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["news"] = linked_to(NewsPage, "beneficiaries", self).order_by("-date")[:10]
        context["events"] = linked_to(EventPage, "beneficiaries", self).order_by("-start")[:10]
        return context


class NewsIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public_site.HomePage"]
    subpage_types = ["public_site.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from reintegra.site.listing import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(self, request))
        return context


class NewsPage(Page):
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = models.TextField(_("summary"))
    body = RichTextField(_("body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image text alternative"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for visitors who cannot see it."),
    )
    thematic_areas = ParentalManyToManyField(
        "public_site.ThematicAreaPage", blank=True, related_name="news_items"
    )
    beneficiaries = ParentalManyToManyField(
        "public_site.BeneficiaryPage", blank=True, related_name="news_items"
    )
    source_id = models.CharField(_("source id"), max_length=100, blank=True, db_index=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("place"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("thematic_areas"),
        FieldPanel("beneficiaries"),
    ]
    parent_page_types = ["public_site.NewsIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("news item")

    # Remembered on the instance: the template and the page's metadata both read them.
    @cached_property
    def theme_links(self) -> list[Page]:
        return in_language(ThematicAreaPage, self.thematic_areas.all(), self.locale_id)

    @cached_property
    def beneficiary_links(self) -> list[Page]:
        return in_language(BeneficiaryPage, self.beneficiaries.all(), self.locale_id)


class AttendanceMode(models.TextChoices):
    OFFLINE = "offline", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class EventType(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working group")
    REGIONAL_CONFERENCE = "regional_conference", _("Regional conference")
    STUDY_VISIT = "study_visit", _("Study visit")
    TRAINING = "training", _("Training")
    LOCAL_FORUM = "local_forum", _("Local forum")


class EventIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public_site.HomePage"]
    subpage_types = ["public_site.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from reintegra.site.listing import events_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(events_listing(self, request))
        return context


class EventPage(Page):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    attendance_mode = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceMode, default=AttendanceMode.OFFLINE
    )
    event_type = models.CharField(_("type"), max_length=30, choices=EventType)
    summary = models.TextField(_("summary"))
    agenda = RichTextField(_("agenda"), blank=True)
    thematic_areas = ParentalManyToManyField(
        "public_site.ThematicAreaPage", blank=True, related_name="events"
    )
    beneficiaries = ParentalManyToManyField(
        "public_site.BeneficiaryPage", blank=True, related_name="events"
    )
    source_id = models.CharField(_("source id"), max_length=100, blank=True, db_index=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("venue"),
        FieldPanel("attendance_mode"),
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldPanel("agenda"),
        FieldPanel("thematic_areas"),
        FieldPanel("beneficiaries"),
    ]
    parent_page_types = ["public_site.EventIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.SearchField("venue"),
    ]

    class Meta:
        verbose_name = _("event")

    @cached_property
    def theme_links(self) -> list[Page]:
        return in_language(ThematicAreaPage, self.thematic_areas.all(), self.locale_id)


class ContentPage(Page):
    """Useful links, the accessibility statement, the privacy notice."""

    body = RichTextField(_("body"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["public_site.HomePage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")


# The document library lives in its own module; imported here so Django registers its models.
from reintegra.site.library import (  # noqa: E402
    DocumentLibraryPage,  # noqa: F401
    Publication,  # noqa: F401
    PublicationFile,  # noqa: F401
    publications_for_theme,
)
