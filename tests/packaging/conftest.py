"""The page tests' real headless Chromium, for the inline (notebook) page."""

from tests.page.conftest import browser  # noqa: F401  (a pytest fixture, shared)
