"""The demo public site, for the feed, metadata and search tests."""

import pytest

from reintegra.site.demo import demo_site_seed
from reintegra.site.models import HomePage


@pytest.fixture
def seeded_site(db):
    demo_site_seed()
    return HomePage.objects.get(locale__language_code="en")
