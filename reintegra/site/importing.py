"""Content import: news items and events from another site's JSON export, idempotent by source id.

Each item is checked first and written in its own transaction, so a rejected item writes nothing
and never stops the good ones; `strict` turns the whole file into one transaction instead.
The format is documented in docs/content-import.md.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Locale, Page

from reintegra.site.models import (
    AttendanceMode,
    BeneficiaryPage,
    EventIndexPage,
    EventPage,
    EventType,
    NewsIndexPage,
    NewsPage,
    ThematicAreaPage,
)

KINDS: dict[str, tuple[Any, Any]] = {
    "news": (NewsPage, NewsIndexPage),
    "event": (EventPage, EventIndexPage),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read: nothing is written."""


@dataclass
class ItemOutcome:
    position: int
    source_id: str
    language: str
    status: str  # created, updated or rejected
    title: str = ""
    reasons: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list[ItemOutcome] = field(default_factory=list)
    rolled_back: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


class _ItemRejectedError(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class _StrictRollbackError(Exception):
    pass


def import_file_read(path: Path) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ImportFileError(_("There is no file at %s.") % path) from error
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(_("The file cannot be read as UTF-8 text: %s") % error) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The file is not valid JSON (line %(line)d, column %(column)d: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from error
    if not isinstance(data, list):
        raise ImportFileError(_("The file must hold a JSON list of items, one object per item."))
    return data


def content_import(items: list[Any], *, publish: bool = True, strict: bool = False) -> ImportReport:
    """Creates or updates one page per item; `strict` writes nothing if any item is rejected."""
    report = ImportReport()
    try:
        with transaction.atomic():
            _import_items(items, report, publish=publish)
            if strict and report.count("rejected"):
                raise _StrictRollbackError
    except _StrictRollbackError:
        report.rolled_back = True
    return report


def _import_items(items: list[Any], report: ImportReport, *, publish: bool) -> None:
    seen: set[tuple[str, str, str]] = set()
    for position, raw in enumerate(items, start=1):
        source_id = str(raw.get("source_id", "")) if isinstance(raw, dict) else ""
        language = str(raw.get("language", "")) if isinstance(raw, dict) else ""
        outcome = ItemOutcome(position, source_id, language, "rejected")
        try:
            checked = _item_check(raw)
            key = (checked["kind"], checked["source_id"], checked["language"])
            if key in seen:
                raise _ItemRejectedError(
                    [_("the same source id and language appear earlier in the file")]
                )
            seen.add(key)
            with transaction.atomic():
                outcome.status = _item_write(checked, publish=publish)
            outcome.title = checked["title"]
        except _ItemRejectedError as rejected:
            outcome.status = "rejected"
            outcome.reasons = rejected.reasons
        except ValidationError as error:
            outcome.status = "rejected"
            outcome.reasons = [f"{name}: {' '.join(msgs)}" for name, msgs in _messages(error)]
        report.outcomes.append(outcome)


def _messages(error: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(error, "message_dict"):
        return [(name, [str(m) for m in msgs]) for name, msgs in error.message_dict.items()]
    return [("page", [str(m) for m in error.messages])]


def _text(raw: dict[str, Any], name: str, reasons: list[str], *, required: bool, limit: int) -> str:
    value = raw.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        reasons.append(_("%s must be text") % name)
        return ""
    value = value.strip()
    if required and not value:
        reasons.append(_("%s is missing") % name)
    elif limit and len(value) > limit:
        reasons.append(
            _("%(name)s is longer than %(limit)d characters") % {"name": name, "limit": limit}
        )
    return value


def _slugs(raw: dict[str, Any], name: str, reasons: list[str]) -> list[str]:
    value = raw.get(name, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        reasons.append(_("%s must be a list of slugs") % name)
        return []
    return [v.strip() for v in value if v.strip()]


def _moment(raw: dict[str, Any], name: str, reasons: list[str]) -> dt.datetime | None:
    value = raw.get(name)
    if not value:
        reasons.append(_("%s is missing") % name)
        return None
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        reasons.append(
            _("%(name)s “%(value)s” is not a date and time like 2020-07-06T09:00")
            % {"name": name, "value": str(value)[:40]}
        )
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _item_check(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _ItemRejectedError([_("the item is not a JSON object")])
    reasons: list[str] = []
    kind = raw.get("kind", "news")
    if kind not in KINDS:
        reasons.append(_("kind “%s” is neither “news” nor “event”") % str(kind)[:40])
    source_id = _text(raw, "source_id", reasons, required=True, limit=100)
    language = _text(raw, "language", reasons, required=True, limit=10)
    if language and language not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        reasons.append(_("unknown language “%s”") % language[:20])
    checked: dict[str, Any] = {
        "kind": kind,
        "source_id": source_id,
        "language": language,
        "title": _text(raw, "title", reasons, required=True, limit=255),
        "summary": _text(raw, "summary", reasons, required=True, limit=0),
        "body": EditorHTMLConverter().to_database_format(
            _text(raw, "body", reasons, required=False, limit=0)
        ),
        "thematic_areas": _slugs(raw, "thematic_areas", reasons),
        "beneficiaries": _slugs(raw, "beneficiaries", reasons),
    }
    if kind == "event":
        checked["venue"] = _text(raw, "venue", reasons, required=False, limit=200)
        start, end = _moment(raw, "start", reasons), _moment(raw, "end", reasons)
        if start and end and end < start:
            reasons.append(_("end is before start"))
        checked.update(start=start, end=end)
        mode = raw.get("attendance_mode", AttendanceMode.OFFLINE)
        if mode not in AttendanceMode.values:
            reasons.append(
                _("attendance_mode “%(value)s” is not one of %(choices)s")
                % {"value": str(mode)[:40], "choices": ", ".join(AttendanceMode.values)}
            )
        event_type = raw.get("type", "")
        if event_type not in EventType.values:
            reasons.append(
                _("type “%(value)s” is not one of %(choices)s")
                % {"value": str(event_type)[:40], "choices": ", ".join(EventType.values)}
            )
        checked.update(attendance_mode=mode, event_type=event_type)
    else:
        checked["place"] = _text(raw, "place", reasons, required=False, limit=200)
        value = raw.get("date")
        try:
            date = parse_date(value) if isinstance(value, str) else None
        except ValueError:
            date = None
        if date is None:
            reasons.append(
                _("date “%s” is not a date like 2022-12-09") % str(value)[:40]
                if value
                else _("date is missing")
            )
        checked["date"] = date
    if not reasons and language:
        locale = Locale.objects.filter(language_code=language).first()
        checked["locale"] = locale
        checked["thematic_area_pages"] = _pages(
            ThematicAreaPage, checked["thematic_areas"], locale, _("unknown thematic area"), reasons
        )
        checked["beneficiary_pages"] = _pages(
            BeneficiaryPage, checked["beneficiaries"], locale, _("unknown beneficiary"), reasons
        )
    if reasons:
        raise _ItemRejectedError(reasons)
    return checked


def _pages(
    model: type[Page], slugs: list[str], locale: Locale | None, label: str, reasons: list[str]
) -> list[Page]:
    """Pages by slug in the item's language, else the original (links are shared across copies)."""
    found = []
    default = Locale.get_default()
    for slug in slugs:
        candidates = {p.locale_id: p for p in model.objects.filter(slug=slug)}
        page = (candidates.get(locale.pk) if locale else None) or candidates.get(default.pk)
        if page is None:
            reasons.append(f"{label} “{slug[:60]}”")
        else:
            found.append(page)
    return found


def _item_write(checked: dict[str, Any], *, publish: bool) -> str:
    model, index_model = KINDS[checked["kind"]]
    locale = checked["locale"] or Locale.objects.create(language_code=checked["language"])
    same_source = model.objects.filter(source_id=checked["source_id"])
    page: Any = same_source.filter(locale=locale).first()
    status = "updated"
    if page is None:
        status = "created"
        original = same_source.first()
        if original is not None:
            # A known item in another language: this is its translation, linked for the switcher.
            page = original.copy_for_translation(locale, copy_parents=True)
        else:
            page = _new_page(model, index_model, locale, checked)
    fields = {k: checked[k] for k in ("title", "summary", "source_id")}
    if checked["kind"] == "event":
        fields.update({k: checked[k] for k in ("start", "end", "venue", "attendance_mode")})
        fields.update(event_type=checked["event_type"], agenda=checked["body"])
    else:
        fields.update(date=checked["date"], place=checked["place"], body=checked["body"])
    for name, value in fields.items():
        setattr(page, name, value)
    page.thematic_areas.set(checked["thematic_area_pages"])
    page.beneficiaries.set(checked["beneficiary_pages"])
    page.full_clean()
    if publish:
        page.save()
        page.save_revision().publish()
    else:
        # A draft: the live page (if any) keeps its content until an editor publishes.
        if not page.live:
            page.save()
        page.save_revision()
    return status


def _new_page(model: type[Page], index_model: type[Page], locale: Locale, checked: dict) -> Page:
    index = index_model.objects.filter(locale=locale).first()
    if index is None:
        original_index = index_model.objects.filter(locale=Locale.get_default()).first()
        if original_index is None:
            raise _ItemRejectedError(
                [_("the site has no %s page to hold it") % index_model._meta.verbose_name]
            )
        index = original_index.copy_for_translation(locale, copy_parents=True)
        index.save_revision().publish()
    page = model(
        title=checked["title"],
        slug=_free_slug(index, checked["source_id"]),
        locale=locale,
        live=False,
        **(
            {"date": checked["date"], "summary": checked["summary"]}
            if checked["kind"] == "news"
            else {
                "start": checked["start"],
                "end": checked["end"],
                "event_type": checked["event_type"],
                "summary": checked["summary"],
            }
        ),
    )
    index.add_child(instance=page)
    return page


def _free_slug(parent: Page, source_id: str) -> str:
    from django.utils.text import slugify

    base = slugify(source_id)[:70] or "item"
    slug, number = base, 1
    while Page.objects.child_of(parent).filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
