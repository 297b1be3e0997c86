"""Configuration: ``[tool.moneyfix]`` in ``pyproject.toml`` or ``moneyfix.toml`` (SPEC §8).

Searched upward from each input file's directory; the nearest file wins (``moneyfix.toml``
before ``pyproject.toml`` in the same directory; a ``pyproject.toml`` without a
``[tool.moneyfix]`` table is passed over). Keys mirror the long CLI options, with dashes
or underscores. Lookups are cached per directory, so thousands of files in one tree read
each config file once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypedDict

from moneyfix import regex_cache
from moneyfix.choices import CHECK_FORMATS, FAIL_ON, LANGS
from moneyfix.documents.dates import parse_date
from moneyfix.rules.registry import RULES

__all__ = [
    "CONFIG_FILES",
    "Config",
    "ConfigError",
    "ReadingOptions",
    "clear_cache",
    "config_from_mapping",
    "find_config_file",
    "load_config",
]

CONFIG_FILES = ("moneyfix.toml", "pyproject.toml")
_CODE = regex_cache.compile(r"MF\d{0,3}|ALL")
_CURRENCY = regex_cache.compile(r"[A-Z]{3}")


class ConfigError(Exception):
    """An unreadable or invalid configuration; one line naming the file and the key."""


class ReadingOptions(TypedDict):
    """How a file's bytes become documents: the keywords of ``documents.open_documents``
    and ``documents.load_document``, taken from one place for ``check`` and ``convert``."""

    date: dt.date | None
    text_field: str
    date_field: str
    encoding: str | None


@dataclass(frozen=True)
class Config:
    """Settings of one run, from defaults, then a config file, then the command line."""

    select: tuple[str, ...] = ()
    """Rule codes or prefixes to enable; empty means the default set."""
    extend_select: tuple[str, ...] = ()
    """Codes enabled on top of ``select`` (or of the default set)."""
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, codes) pairs: codes ignored in the files the glob matches (relative to the
    config file's directory, or the working directory for the command line)."""
    tolerance: Decimal = Decimal("0.02")
    """Relative tolerance of a rate check (0.02 = 2%), widened by printed precision."""
    fail_on: str = "warning"
    output_format: str = "full"
    date: dt.date | None = None
    lang: str = "auto"
    max_staleness: int = 7
    window_before: int = 3
    window_after: int = 1
    fix: bool = False
    unsafe_fixes: bool = False
    exit_zero: bool = False
    to: str = "USD"
    add_missing: bool = False
    text_field: str = "text"
    date_field: str = "date"
    id_field: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    encoding: str | None = None
    """The encoding of files without a BOM that are not UTF-8; ``None``: detect it."""
    path: Path | None = None
    """The config file these settings came from (``None``: defaults only)."""

    def merged(self, **overrides: Any) -> Config:
        """A copy with the command line's values applied; ``None`` means "not given"."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise TypeError(f"unknown Config field(s): {', '.join(unknown)}")
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in _TUPLES:
            if key in given and not isinstance(given[key], tuple):
                given[key] = tuple(given[key])
        return replace(self, **given)

    @property
    def reading(self) -> ReadingOptions:
        """The settings that decide how files are read (``open_documents(path, **reading)``)."""
        return ReadingOptions(
            date=self.date,
            text_field=self.text_field,
            date_field=self.date_field,
            encoding=self.encoding,
        )

    @property
    def excluded(self) -> tuple[str, ...]:
        """Globs the walk skips: ``exclude`` and ``extend-exclude``."""
        return (*self.exclude, *self.extend_exclude)

    def ignored_in(self, path: Path) -> tuple[str, ...]:
        """``ignore`` plus the per-file ignores whose glob matches ``path``."""
        if not self.per_file_ignores:
            return self.ignore
        from moneyfix.inputs import glob_matches

        base = self.path.parent if self.path is not None else Path.cwd()
        absolute = path.absolute()
        try:
            relative = absolute.relative_to(base.absolute()).as_posix()
        except ValueError:
            relative = absolute.as_posix().lstrip("/")
        extra = [
            c
            for glob, codes in self.per_file_ignores
            if glob_matches(glob, relative)
            for c in codes
        ]
        return (*self.ignore, *extra)


_TUPLES = ("select", "extend_select", "ignore", "include", "exclude", "extend_exclude")


def _codes(value: Any, where: str) -> tuple[str, ...]:
    """Codes from a list or a comma-separated string (``--select A,B --select C``)."""
    items = [part for item in _strings(value, where) for part in item.split(",") if part.strip()]
    out = []
    for item in items:
        code = item.strip().upper()
        if not _CODE.fullmatch(code):
            raise ConfigError(f"{where}: {item!r} is not a rule code (like MF003)")
        if code != "ALL" and not any(known.startswith(code) for known in RULES):
            raise ConfigError(f"{where}: unknown rule code {code!r} (see `moneyfix rule`)")
        out.append(code)
    return tuple(out)


def _per_file_ignores(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A table ``{glob = [codes]}`` (config) or ``GLOB:CODES`` strings (command line)."""
    if isinstance(value, dict):
        items = list(value.items())
    else:
        items = []
        for entry in _strings(value, where) if isinstance(value, list) else (value,):
            if not isinstance(entry, str) or ":" not in entry:
                raise ConfigError(f"{where}: expected GLOB:CODES such as 'drafts/*.md:MF003'")
            glob, _, codes = entry.rpartition(":")
            items.append((glob, codes))
    out = []
    for glob, codes in items:
        if not isinstance(glob, str) or not glob.strip():
            raise ConfigError(f"{where}: expected a glob before the codes")
        out.append((glob.strip(), _codes(codes, f"{where}: {glob}")))
    return tuple(out)


def _encoding(value: Any, where: str) -> str:
    import codecs

    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected an encoding name such as cp1251")
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise ConfigError(f"{where}: unknown encoding {value!r}") from None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a list of strings")


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}: expected a whole number >= 0")
    return value


MAX_DAYS = 3660
"""Longest window or staleness in days: ten years; more would reach past any date."""


def _days(value: Any, where: str) -> int:
    days = _int(value, where)
    if days > MAX_DAYS:
        raise ConfigError(f"{where}: expected at most {MAX_DAYS} days")
    return days


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false")
    return value


def _choice(options: tuple[str, ...]) -> Any:
    def check(value: Any, where: str) -> str:
        if not isinstance(value, str) or value not in options:
            raise ConfigError(f"{where}: expected one of {', '.join(options)}")
        return value

    return check


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a non-empty string")
    return value


def _tolerance(value: Any, where: str) -> Decimal:
    if isinstance(value, bool):
        raise ConfigError(f'{where}: expected a number such as 0.02 or "2%"')
    try:
        if isinstance(value, str) and value.strip().endswith("%"):
            result = Decimal(value.strip()[:-1]) / 100
        elif isinstance(value, str | int | Decimal):
            result = Decimal(value)
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise ConfigError(f'{where}: expected a number such as 0.02 or "2%"') from None
    if not result.is_finite() or not Decimal(0) <= result < 1:
        raise ConfigError(f"{where}: expected a fraction from 0 to below 1 (0.02 = 2%)")
    return result


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    raise ConfigError(f"{where}: expected a date such as 2020-11-24")


def _currency(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value.upper()):
        raise ConfigError(f"{where}: expected a currency code such as USD")
    return value.upper()


_CHECKS: dict[str, Any] = {
    "select": _codes,
    "extend_select": _codes,
    "ignore": _codes,
    "per_file_ignores": _per_file_ignores,
    "tolerance": _tolerance,
    "fail_on": _choice(FAIL_ON),
    "output_format": _choice(CHECK_FORMATS),
    "date": _date,
    "lang": _choice(LANGS),
    "max_staleness": _days,
    "window_before": _days,
    "window_after": _days,
    "fix": _bool,
    "unsafe_fixes": _bool,
    "exit_zero": _bool,
    "to": _currency,
    "add_missing": _bool,
    "text_field": _text,
    "date_field": _text,
    "id_field": _text,
    "include": _strings,
    "exclude": _strings,
    "extend_exclude": _strings,
    "respect_gitignore": _bool,
    "encoding": _encoding,
}


def config_from_mapping(data: Mapping[str, Any], origin: Path | None = None) -> Config:
    """A ``Config`` from a ``[tool.moneyfix]``-style table; errors name ``origin`` and the key."""
    shown = str(origin) if origin else "<config>"
    values: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        check = _CHECKS.get(key)
        if check is None:
            raise ConfigError(f"{shown}: unknown key {raw_key!r}")
        if key in values:
            raise ConfigError(f"{shown}: key {raw_key!r} given twice (dash and underscore)")
        values[key] = check(value, f"{shown}: {raw_key}")
    return Config(path=origin, **values)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a config file to read

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh, parse_float=Decimal)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        message = " ".join(str(exc).split())
        raise ConfigError(f"{path}: invalid TOML ({message})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None


def _table(path: Path, document: dict[str, Any]) -> dict[str, Any] | None:
    """The moneyfix table of a parsed file; ``None`` when a pyproject has none."""
    tool = document.get("tool")
    if isinstance(tool, dict) and "moneyfix" in tool:
        table = tool["moneyfix"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.moneyfix] must be a table")
        return table
    if path.name == "pyproject.toml":
        return None
    return document


def _load_file(path: Path) -> Config | None:
    table = _table(path, _read_toml(path))
    return None if table is None else config_from_mapping(table, path)


_DIR_CACHE: dict[Path, Config] = {}
_FILE_CACHE: dict[Path, Config | None] = {}


def clear_cache() -> None:
    """Forget cached lookups (after config files were edited, and in tests)."""
    _DIR_CACHE.clear()
    _FILE_CACHE.clear()


def _cached_file(path: Path) -> Config | None:
    if path not in _FILE_CACHE:
        _FILE_CACHE[path] = _load_file(path)
    return _FILE_CACHE[path]


def _for_directory(directory: Path) -> Config:
    cached = _DIR_CACHE.get(directory)
    if cached is not None:
        return cached
    visited: list[Path] = []
    result = Config()
    current: Path | None = directory
    while current is not None:
        if current in _DIR_CACHE:
            result = _DIR_CACHE[current]
            break
        visited.append(current)
        found = None
        for name in CONFIG_FILES:
            candidate = current / name
            if candidate.is_file():
                found = _cached_file(candidate)
                if found is not None:
                    break
        if found is not None:
            result = found
            break
        current = current.parent if current.parent != current else None
    for seen in visited:
        _DIR_CACHE[seen] = result
    return result


def find_config_file(start: Path) -> Path | None:
    """The config file that applies to ``start`` (a file or directory), if any."""
    return load_config(start).path


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The configuration for an input file or directory ``start``.

    ``explicit`` (``--config FILE``) is used as is and stops the search; in it, a
    ``[tool.moneyfix]`` table is used when present, else its top-level keys.
    """
    if explicit is not None:
        path = explicit.resolve()
        if path not in _FILE_CACHE:
            document = _read_toml(path)
            table = _table(path, document)
            if table is None:
                raise ConfigError(f"{explicit}: no [tool.moneyfix] table")
            _FILE_CACHE[path] = config_from_mapping(table, explicit)
        config = _FILE_CACHE[path]
        assert config is not None
        return config
    absolute = Path(start).absolute()
    directory = absolute if absolute.is_dir() else absolute.parent
    return _for_directory(directory)
