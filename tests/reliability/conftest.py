"""Shared, session-wide pieces for the fault tests: collected static files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.services import manage, production_env


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    """Production serves hashed static files collected at build time; collect them once."""
    root = tmp_path_factory.mktemp("reliability-static")
    manage("collectstatic", "--noinput", env=production_env(STATIC_ROOT=str(root), DATABASE_URL="sqlite:///:memory:"))
    return root
