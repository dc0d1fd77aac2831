"""Fixtures for the cross-document tests: the real spaCy pipeline once per session (same pattern as
tests/extract/conftest.py)."""

from __future__ import annotations

import pytest
