"""Who did something, as the processing log records it."""

import uuid
from dataclasses import dataclass
from typing import Protocol


class AuditActor(Protocol):
    @property
    def user_id(self) -> uuid.UUID | None: ...
    @property
    def username(self) -> str: ...
    @property
    def organisation_id(self) -> uuid.UUID | None: ...
    @property
    def role(self) -> str: ...
    @property
    def jurisdiction_code(self) -> str: ...
    @property
    def client_ip(self) -> str: ...
    @property
    def correlation_id(self) -> str: ...


@dataclass(frozen=True)
class SystemActor:
    """A scheduled command or an anonymous visitor: no user, maybe an address."""

    username: str = "system"
    client_ip: str = ""
    correlation_id: str = ""
    jurisdiction_code: str = ""
    user_id: uuid.UUID | None = None
    organisation_id: uuid.UUID | None = None
    role: str = ""
