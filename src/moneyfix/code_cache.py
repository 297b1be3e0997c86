"""The code of the methods ``dataclasses`` writes, compiled once and kept in the user cache.

``@dataclass`` writes each class's methods (``__init__``, ``__repr__``, ``__eq__``, a
frozen class's ``__setattr__`` ...) as source text and compiles it when the class is
defined, that is at import: 4.3 million instructions for a frozen class of six fields
(measured with callgrind), half of them compiling, and a small ``check`` defines 32
classes, a fifth of its start-up beside Python's own. The same text always compiles to
the same code, so the CLI has ``dataclasses`` run the code kept by an earlier run instead:
its calls of the builtin ``exec`` go to :meth:`_Codes.exec`, which compiles only a text it
has not seen, and the file is written back at exit when it did. Only the CLI installs this,
for its own process, and only moneyfix's own classes are kept (a process that runs the CLI
among other work, a test run, defines many more); ``import moneyfix`` leaves
``dataclasses`` alone.

Code is valid for the interpreter build that compiled it, which names the file (kept in
the checked ``marshal`` format of :mod:`moneyfix.regex_cache`); a damaged or foreign file
only costs the compiling.
"""

from __future__ import annotations

import atexit
import builtins
import sys
import zlib
from pathlib import Path
from types import CodeType
from typing import Any

from moneyfix.regex_cache import _read, _unpacked, _write
from moneyfix.user_cache import cached_file


class _Codes:
    """The compiled texts kept for this interpreter, by source text."""

    LIMIT = 1000
    """Texts a file keeps (classes edited in a checkout would otherwise pile up): past it,
    a save keeps only those this run used."""

    def __init__(
        self, path: Path | None, engine: str, codes: dict[str, CodeType], package: str
    ) -> None:
        self.path = path
        self.package = package
        self.engine = engine
        self.codes = codes
        self.used: set[str] = set()
        self.changed = False

    def exec(self, source: Any, globals: dict[str, Any], locals: Any = None, /) -> None:
        """``exec(source, globals, locals)``, a source text's code taken from the cache
        when it defines the methods of a class of ``package`` (their globals are its
        module's)."""
        if isinstance(source, str):
            source = self._code(source, str(globals.get("__name__", "")))
        builtins.exec(source, globals, locals)

    def _code(self, source: str, module: str) -> CodeType:
        # dont_inherit: compiled without this module's __future__ imports, as the builtin
        # exec called by dataclasses compiles (whose own module has none); a text passed
        # on to the builtin from here would be compiled with them.
        if module != self.package and not module.startswith(f"{self.package}."):
            return compile(source, "<string>", "exec", dont_inherit=True)
        self.used.add(source)
        code = self.codes.get(source)
        if not isinstance(code, CodeType):
            code = compile(source, "<string>", "exec", dont_inherit=True)
            self.codes[source] = code
            if not self.changed and self.path is not None:
                atexit.register(self.save)
            self.changed = True
        return code

    def save(self) -> None:
        """Write the texts back (at exit, when this run compiled a new one)."""
        if self.path is None:
            return
        keep = self.codes if len(self.codes) <= self.LIMIT else self.used
        _write(self.path, (self.engine, {s: self.codes[s] for s in keep if s in self.codes}))


def install(name: str, package: str = "moneyfix") -> None:
    """Serve the compiling ``dataclasses`` does from the cache, for the rest of this
    process (once; not where ``dataclasses`` already has an ``exec`` of its own). ``name``
    (the command's) names the file, so that each run reads only about what it needs: the
    whole file is read, and ``check`` alone keeps some 200 KB. Only the classes of the
    modules of ``package`` are kept."""
    import dataclasses

    if "exec" in vars(dataclasses):
        return
    engine = f"{sys.version}:{sys.implementation.cache_tag}"
    path = cached_file(f"code-{name}", zlib.crc32(engine.encode()), ".bin")
    kept = _unpacked(_read(path), engine) if path is not None else None
    codes = kept if isinstance(kept, dict) else {}
    vars(dataclasses)["exec"] = _Codes(path, engine, codes, package).exec
