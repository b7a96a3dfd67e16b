"""The ``specsite`` command: a thin front door over the spec pipeline.

Exit codes: 0 no error-severity finding; 1 at least one; 2 a usage or configuration problem.
``check`` and ``export`` never write into the repository (only to ``--output`` when asked).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .core.findings import CATALOGUE, has_errors
from .core.pipeline import SpecSet, load_specs
from .reports import ReportContext, renderers
from .reports.escape import json_document
from .settings import Settings, SettingsError, load_settings

KIND_FLAGS = {
    "adrs": "ADR folder (repeatable)",
    "prds": "PRD folder (repeatable)",
    "c4": "Structurizr DSL workspace file (repeatable)",
    "openapi": "OpenAPI file or folder (repeatable)",
}


def _add_source_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", metavar="FILE",
                        help="mkdocs.yml to read the specsite plugin options from "
                             "(default: ./mkdocs.yml when present)")
    for flag, text in KIND_FLAGS.items():
        parser.add_argument(f"--{flag}", action="append", default=[], metavar="PATH",
                            help=f"{text}; spec paths given here are the whole spec set")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the CLI)."""
    parser = argparse.ArgumentParser(
        prog="specsite", description="Validate, export and write specs (ADRs, PRDs, C4, OpenAPI).")
    parser.add_argument("--version", action="version", version=f"specsite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate the specs; exit 1 on any error finding")
    _add_source_flags(check)
    check.add_argument("--format", choices=sorted(renderers()), default="text")
    check.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")

    export = sub.add_parser("export", help="print the whole spec graph as JSON")
    _add_source_flags(export)
    export.add_argument("--output", metavar="FILE", help="write the JSON here instead of stdout")

    rules = sub.add_parser("rules", help="list every rule code with its default severity")
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text")

    new = sub.add_parser("new", help="write a new spec from a template")
    new_sub = new.add_subparsers(dest="what", required=True, metavar="KIND")
    adr = new_sub.add_parser("adr", help="the next numbered ADR")
    adr.add_argument("title")
    adr.add_argument("-f", "--config-file", metavar="FILE")
    adr.add_argument("--adrs", action="append", default=[], metavar="DIR",
                     help="ADR folder to write into (default: the first configured one)")
    adr.add_argument("--supersedes", action="append", default=[], metavar="ID")
    adr.add_argument("--amends", action="append", default=[], metavar="ID")
    prd = new_sub.add_parser("prd", help="the next numbered PRD, a skeleton that passes check")
    prd.add_argument("title")
    prd.add_argument("-f", "--config-file", metavar="FILE")
    prd.add_argument("--prds", action="append", default=[], metavar="DIR",
                     help="PRD folder to write into (default: the first configured one)")
    prd.add_argument("--owner", metavar="NAME", help="the PRD's owner (default: $USER)")

    schema = sub.add_parser("schema", help="print the JSON Schema of a spec format, for editors")
    schema.add_argument("what", choices=["prd"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``specsite`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "export":
            return _export(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "new":
            return _new_prd(args) if args.what == "prd" else _new_adr(args)
        if args.command == "schema":
            return _schema(args)
    except SettingsError as exc:
        print(f"specsite: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    return 2


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {flag: getattr(args, flag, []) for flag in KIND_FLAGS}
    return load_settings(args.config_file, overrides, Path.cwd())


def _specs(settings: Settings) -> SpecSet:
    return load_specs(settings.project, settings.config, settings.docs_dir)


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _checked_files(specs: SpecSet) -> list[str]:
    return sorted({e.file for e in specs.graph if e.file and e.kind != "page"} |
                  {f.file for f in specs.findings if f.file})


def _check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    specs = _specs(settings)
    context = ReportContext(files=_checked_files(specs), tool_version=__version__)
    _emit(renderers()[args.format](specs.findings, context), args.output)
    return 1 if has_errors(specs.findings) else 0


def export_document(specs: SpecSet) -> dict:
    """The ``specsite export`` document (schema: docs/reference/export.md)."""
    doc: dict = {
        "version": 1,
        "entities": [e.to_dict() for e in specs.graph],
        "findings": [f.to_dict() for f in specs.findings],
    }
    for name, result in sorted(specs.results.items()):
        export = getattr(result.model, "export", None)
        section = export() if callable(export) else None
        if section and any(section.values()):
            doc[name] = section
    return doc


def _export(args: argparse.Namespace) -> int:
    specs = _specs(_settings(args))
    _emit(json_document(export_document(specs), default=str), args.output)
    return 1 if has_errors(specs.findings) else 0


def _rules(args: argparse.Namespace) -> int:
    from .core.config import _load_all_rules

    _load_all_rules()
    rules = CATALOGUE.sorted()
    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value,
                           "kind": r.kind, "summary": r.summary} for r in rules], indent=2))
    elif args.format == "markdown":
        print("| Code | Name | Default | What it catches |\n|---|---|---|---|")
        for r in rules:
            print(f"| `{r.code}` | {r.name} | {r.severity.value} | {r.summary} |")
    else:
        for r in rules:
            print(f"{r.code}  {r.severity.value:<7}  {r.name}: {r.summary}")
    return 0


def _new_adr(args: argparse.Namespace) -> int:
    from .adr.kind import ADR_KIND, adr_folders
    from .adr.writer import WriteError, new_adr

    settings = load_settings(args.config_file, {"adrs": args.adrs}, Path.cwd())
    findings: list = []
    folders = adr_folders(settings.project, settings.config, findings)
    if not folders:
        raise SettingsError("no ADR folder: configure 'adrs' in mkdocs.yml or pass --adrs DIR")
    model = ADR_KIND.read(settings.project, settings.config.model_copy(
        update={"adrs": [str(folders[0])]})).model
    try:
        written = new_adr(settings.project, folders[0], model.decisions, args.title,
                          [_norm(i) for i in args.supersedes], [_norm(i) for i in args.amends])
    except WriteError as exc:
        raise SettingsError(str(exc)) from None
    print(written.created)
    for path in written.updated:
        print(f"updated {path}")
    return 0


def _new_prd(args: argparse.Namespace) -> int:
    from .prd.writer import WriteError, new_prd_in_project

    settings = load_settings(args.config_file, {"prds": args.prds}, Path.cwd())
    owner = args.owner or os.environ.get("USER") or os.environ.get("USERNAME") or "unassigned"
    try:
        print(new_prd_in_project(settings.project, settings.config, args.title, owner))
    except WriteError as exc:
        raise SettingsError(str(exc)) from None
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .prd.model import json_schema

    sys.stdout.write(json_schema())
    return 0


def _norm(raw: str) -> str:
    from .core.xref import normalise

    return normalise(raw if not raw.isdigit() else f"ADR-{raw}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
