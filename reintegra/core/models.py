import uuid

from django.db import models


class BaseModel(models.Model):
    """Every product record: a UUID key (no guessable ids in URLs) and creation/change times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
