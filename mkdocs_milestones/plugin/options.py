# SPDX-License-Identifier: MIT
"""The plugin's option types: a path inside the site or ``false``, a number of days, the feeds."""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c

from ..render.feeds import feeds_option

__all__ = ["FeedsOption", "PathOrFalse", "PositiveInt"]


class PathOrFalse(c.BaseConfigOption[Any]):
    """A path inside the site (a relative ``.json``/``.md`` path), or ``false`` to turn it off."""

    def __init__(self, default: str, suffix: str) -> None:
        super().__init__()
        self.default = default
        self.suffix = suffix

    def run_validation(self, value: object) -> str | bool:
        if value is False or value is None:
            return False
        if value is True:
            return self.default
        if not isinstance(value, str) or not value.strip():
            raise c.ValidationError(f"expected a relative path ending in {self.suffix} or false, got {value!r}")
        path = value.strip().replace("\\", "/")
        if path.startswith("/") or ".." in path.split("/") or not path.endswith(self.suffix):
            raise c.ValidationError(f"expected a relative path inside the site ending in {self.suffix} (or false), got {value!r}")
        return path


class PositiveInt(c.Type[int]):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise c.ValidationError(f"expected a whole number of days, 1 or more; got {value!r}")
        return number


class FeedsOption(c.BaseConfigOption[Any]):
    """``true`` (every feed), ``false``, or a list of feeds: ``atom``, ``ics``, ``badges``."""

    def run_validation(self, value: object) -> tuple[str, ...]:
        try:
            return feeds_option(value)
        except ValueError as err:
            raise c.ValidationError(str(err)) from None
