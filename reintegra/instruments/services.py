"""Checking, loading and retiring instrument versions, each write logged in its transaction."""

import copy
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from reintegra.audit.actor import AuditActor
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.instruments.models import Instrument, InstrumentVersion
from reintegra.instruments.validation import (
    ParsedFile,
    PathPart,
    Problem,
    find_problems,
    read_file,
    walk_domains,
    walk_items,
)

DATA_DIR = Path(__file__).parent / "data"
SHIPPED_INSTRUMENTS = (
    DATA_DIR / "reintegra-screening-illustrative.yaml",
    DATA_DIR / "reintegra-spj-illustrative.yaml",
)


class InstrumentFileError(ValueError):
    """The file cannot be loaded; `errors` lists every fault, each with its place in the file."""

    def __init__(self, path: Path, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.path = path
        self.errors = errors


class InstrumentVersionConflictError(ValueError):
    """The file claims a version that is already loaded with other content."""


def errors_report(name: str, errors: list[str]) -> str:
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return "\n".join([f"{name}: {count}", *(f"  {error}" for error in errors)])


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    document: Any
    errors: list[str]

    @property
    def summary(self) -> str:
        """`<code> <version>, N domains, M items` for a valid file."""
        domains = sum(1 for _ in walk_domains(self.document["domains"]))
        items = sum(1 for _ in walk_items(self.document))
        return (
            f"{self.document['code']} {self.document['version']}, {domains} domains, {items} items"
        )


@dataclass(frozen=True)
class LoadResult:
    version: InstrumentVersion
    created: bool


def instrument_validate(document: Any) -> list[str]:
    """Every fault in a parsed document, each as `path: message`; empty when it is valid."""
    return [str(problem) for problem in find_problems(document)]


def instrument_file_check(path: Path) -> CheckedFile:
    """Read and validate a file; faults carry their path and, where known, their line."""
    parsed = read_file(path)
    problems = parsed.problems or find_problems(parsed.document)
    located = sorted(
        (_with_line(problem, parsed) for problem in problems),
        key=lambda problem: problem.line or 0,
    )
    return CheckedFile(path=path, document=parsed.document, errors=[str(p) for p in located])


def _with_line(problem: Problem, parsed: ParsedFile) -> Problem:
    path: tuple[PathPart, ...] = problem.path
    while path and path not in parsed.lines:
        path = path[:-1]
    if problem.line or not problem.path or path not in parsed.lines:
        return problem
    return Problem(problem.path, problem.message, parsed.lines[path])


def canonical_definition(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every default written out, so leaving out `protective: false` and writing
    it are the same content, and consumers of the stored JSON need not know the defaults."""
    definition = copy.deepcopy(document)
    definition.setdefault("needs", [])
    for _path, domain in walk_domains(definition["domains"]):
        for item in domain.get("items", []):
            item.setdefault("required", True)
            item.setdefault("protective", False)
            item.setdefault("needs", [])
    return definition


def definition_sha256(definition: dict[str, Any]) -> str:
    """Of the canonical JSON: comments, layout, quoting and key order in the YAML do not count."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def instrument_load(*, actor: AuditActor, path: Path) -> LoadResult:
    """Load one file. The same content again changes nothing; other content under a loaded version
    is refused; a new version is added beside the old ones, which stay as they were."""
    checked = instrument_file_check(path)
    if checked.errors:
        raise InstrumentFileError(path, checked.errors)
    definition = canonical_definition(checked.document)
    sha256 = definition_sha256(definition)
    code, version = definition["code"], definition["version"]
    with transaction.atomic():
        instrument, _created = Instrument.objects.get_or_create(
            code=code, defaults={"kind": definition["kind"], "name": definition["name"]}
        )
        # Serialises loads of one instrument, so two loaders cannot both add the same version.
        instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
        if instrument.kind != definition["kind"]:
            raise InstrumentFileError(
                path,
                [
                    f"kind: {code} is loaded as a {instrument.kind} instrument; a version cannot "
                    f"change its kind (give the {definition['kind']} instrument its own code)"
                ],
            )
        existing = instrument.versions.filter(version=version).first()
        if existing is not None:
            if existing.source_sha256 == sha256:
                return LoadResult(version=existing, created=False)
            raise InstrumentVersionConflictError(
                f"version {version} of {code} is already loaded with different content; "
                "bump the version"
            )
        major, minor, patch = (int(part) for part in version.split("."))
        loaded = InstrumentVersion.objects.create(
            instrument=instrument,
            version=version,
            version_major=major,
            version_minor=minor,
            version_patch=patch,
            status=definition["status"],
            definition=definition,
            source_sha256=sha256,
        )
        newest = instrument.versions.order_by(
            "-version_major", "-version_minor", "-version_patch"
        ).first()
        if newest == loaded and instrument.name != definition["name"]:
            instrument.name = definition["name"]
            instrument.save(update_fields=["name", "updated_at"])
        record(
            actor=actor,
            category=Category.COLLECTION,
            action="instrument.load",
            obj=loaded,
            details={"code": code, "version": version, "sha256": sha256, "file": path.name},
        )
    return LoadResult(version=loaded, created=True)


@transaction.atomic
def instrument_version_retire(*, actor: AuditActor, version: InstrumentVersion) -> bool:
    """Stop offering a version for new assessments; the ones that pinned it keep it. Returns
    whether anything changed."""
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_active:
        return False
    version.is_active = False
    version.save(update_fields=["is_active", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="instrument.retire",
        obj=version,
        details={"code": version.instrument.code, "version": version.version},
    )
    return True
