"""The ``specsite`` command: a thin front door over the spec pipeline.

Exit codes: 0 no error-severity finding; 1 at least one; 2 a usage or configuration problem.
``check`` and ``export`` never write into the repository (only to ``--output`` when asked).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from . import __version__
from .core.export import export_document
from .core.findings import CATALOGUE, Severity, has_errors
from .core.gc_pause import collections_paused
from .core.pipeline import SpecSet, load_specs
from .reports import ReportContext, renderers
from .reports.escape import json_document
from .settings import Settings, SettingsError, load_settings

KIND_FLAGS = {
    "adrs": ("DIR", "an ADR folder", "doc/adr"),
    "prds": ("DIR", "a PRD folder", "specs/prds"),
    "c4": ("FILE", "a Structurizr DSL (or JSON) workspace", "arch/workspace.dsl"),
    "openapi": ("PATH", "an OpenAPI file, or a folder of them", "apis/"),
    "debt": ("DIR", "a technical-debt register folder", "specs/debt"),
    "runbooks": ("DIR", "a runbook folder", "specs/runbooks"),
}

_SOURCES_NOTE = """
Spec sources come from the specsite entry of ./mkdocs.yml (or -f FILE). Spec paths given with
--adrs/--prds/--c4/--openapi/--debt replace the configured ones (the docs pages are then not read); the
other options (rule levels, custom statuses) still apply."""


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _sub(sub: argparse._SubParsersAction, name: str, summary: str, epilog: str,
         ) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                          epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)


def _add_source_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", metavar="FILE",
                        help="the mkdocs.yml to read the specsite options from "
                             "(default: ./mkdocs.yml), e.g. -f site/mkdocs.yml")
    for flag, (metavar, text, example) in KIND_FLAGS.items():
        parser.add_argument(f"--{flag}", action="append", default=[], metavar=metavar,
                            help=f"{text} (repeatable), e.g. --{flag} {example}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the CLI)."""
    parser = argparse.ArgumentParser(
        prog="specsite", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Validate, export and write specs (ADRs, PRDs, C4, OpenAPI, runbooks, debt).",
        epilog=_examples("specsite init                      # add specsite to a MkDocs project",
                         "specsite check                     # check what mkdocs.yml configures",
                         "specsite check --adrs doc/adr      # no mkdocs.yml needed",
                         'specsite new adr "Use PostgreSQL"  # the next numbered decision',
                         "specsite COMMAND --help            # each command's options") +
        "\n\nexit codes: 0 no error finding, 1 error findings, 2 usage or configuration problem")
    parser.add_argument("--version", action="version", version=f"specsite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = _sub(sub, "check", "validate the specs; exit 1 on any error finding", _SOURCES_NOTE +
                 "\n\n" + _examples(
                     "specsite check",
                     "specsite check --strict                 # warnings fail too, like "
                     "mkdocs build --strict",
                     "specsite check --adrs doc/adr --openapi apis/",
                     "specsite check --format github          # annotations in a GitHub job",
                     "specsite check --format sarif --output specsite.sarif"))
    _add_source_flags(check)
    check.add_argument("--format", choices=sorted(renderers()), default="text",
                       help="report format (default: text), e.g. --format json")
    check.add_argument("--output", metavar="FILE",
                       help="write the report to FILE instead of stdout (its folder must exist), "
                            "e.g. --output report.txt")
    check.add_argument("--strict", action="store_true",
                       help="warnings fail too (exit 1), as `mkdocs build --strict` counts them")
    check.add_argument("--as-of", metavar="DATE",
                       help="day date-bound checks compare with (runbook reviews; YYYY-MM-DD; "
                            "default: the configured as_of, else those checks do not run), "
                            "e.g. --as-of 2027-01-31")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="text report: list only error findings (the summary counts all) and "
                            "no timing line")

    export = _sub(sub, "export", "print the whole spec graph as JSON", _SOURCES_NOTE + "\n\n" +
                  _examples("specsite export > specs.json",
                            "specsite export --openapi apis/ --output build/specs.json"))
    _add_source_flags(export)
    export.add_argument("--output", metavar="FILE",
                        help="write the JSON to FILE instead of stdout (its folder must exist), "
                             "e.g. --output specs.json")

    diff = _sub(sub, "diff", "what a change does to the specs: BASE (default: merge-base with "
                             "the default branch) against HEAD (default: the working tree)",
                _examples("specsite diff                          # this branch's changes",
                          "specsite diff main HEAD --format markdown",
                          "specsite diff --base-export base.json --fail-on warning"))
    diff.add_argument("revisions", nargs="*", metavar="REV",
                      help="BASE and HEAD git revisions (with --base-export: HEAD only), "
                           "e.g. main HEAD")
    _add_source_flags(diff)
    diff.add_argument("--base-export", metavar="FILE",
                      help="compare a saved `specsite export` as BASE, e.g. base.json")
    diff.add_argument("--head-export", metavar="FILE",
                      help="compare a saved `specsite export` as HEAD, e.g. head.json")
    diff.add_argument("--format", choices=["text", "markdown", "json", "github"], default="text",
                      help="report format (default: text), e.g. --format markdown")
    diff.add_argument("--fail-on", choices=["breaking", "warning", "never"], default="breaking",
                      help="exit 1 when a change is at or above this level (default: breaking)")
    diff.add_argument("--site-url", metavar="URL",
                      help="preview site to link entities to (markdown), "
                           "e.g. https://preview.example.com/pr-12/")
    diff.add_argument("--as-of", metavar="DATE",
                      help="day x-sunset dates are compared with (YYYY-MM-DD; default: the "
                           "committer date of the HEAD side's commit, never today), e.g. 2027-01-31")
    diff.add_argument("--output", metavar="FILE",
                      help="write the report to FILE instead of stdout (its folder must exist), "
                           "e.g. --output diff.md")

    rules = _sub(sub, "rules", "list every rule code with its default severity",
                 _examples("specsite rules", "specsite rules --format markdown > rules.md"))
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                       help="list format (default: text)")

    new = _sub(sub, "new", "write a new spec from a template",
               _examples('specsite new adr "Use PostgreSQL for orders"',
                         'specsite new prd "One-click checkout" --owner jane.doe'))
    new_sub = new.add_subparsers(dest="what", required=True, metavar="KIND")
    adr = _sub(new_sub, "adr", "the next numbered ADR, in the folder's own format",
               _examples('specsite new adr "Use PostgreSQL for orders"',
                         'specsite new adr "Move orders to a document store" --supersedes 12',
                         'specsite new adr "Clarify order retention" --amends ADR-0012'))
    adr.add_argument("title", help='the decision\'s title, e.g. "Use PostgreSQL for orders"')
    adr.add_argument("-f", "--config-file", metavar="FILE",
                     help="the mkdocs.yml naming the ADR folders (default: ./mkdocs.yml)")
    adr.add_argument("--adrs", action="append", default=[], metavar="DIR",
                     help="ADR folder to write into (default: the first configured one), "
                          "e.g. --adrs doc/adr")
    adr.add_argument("--supersedes", action="append", default=[], metavar="ID",
                     help="a decision the new one replaces (repeatable; a number or an ID), "
                          "e.g. --supersedes 12")
    adr.add_argument("--amends", action="append", default=[], metavar="ID",
                     help="a decision the new one amends (repeatable), e.g. --amends ADR-0012")
    prd = _sub(new_sub, "prd", "the next numbered PRD, a skeleton that passes check",
               _examples('specsite new prd "One-click checkout"',
                         'specsite new prd "Gift cards" --owner jane.doe --prds specs/prds'))
    prd.add_argument("title", help='the PRD\'s title, e.g. "One-click checkout"')
    prd.add_argument("-f", "--config-file", metavar="FILE",
                     help="the mkdocs.yml naming the PRD folders (default: ./mkdocs.yml)")
    prd.add_argument("--prds", action="append", default=[], metavar="DIR",
                     help="PRD folder to write into (default: the first configured one), "
                          "e.g. --prds specs/prds")
    prd.add_argument("--owner", metavar="NAME",
                     help="the PRD's owner (default: $USER), e.g. --owner jane.doe")

    debt = _sub(new_sub, "debt", "the next numbered technical-debt item, with every field",
                _examples('specsite new debt "Decision index is one Markdown table"',
                          'specsite new debt "Retry logic copied in three services" '
                          '--debt specs/debt'))
    debt.add_argument("title", help='the debt\'s title, e.g. "Orders table has no index"')
    debt.add_argument("-f", "--config-file", metavar="FILE",
                      help="the mkdocs.yml naming the debt folders (default: ./mkdocs.yml)")
    debt.add_argument("--debt", action="append", default=[], metavar="DIR",
                      help="debt folder to write into (default: the first configured one), "
                           "e.g. --debt specs/debt")

    runbook = _sub(new_sub, "runbook", "the next numbered runbook, a template with every field",
                   _examples('specsite new runbook "Checkout error rate high"',
                             'specsite new runbook "Search is slow" --owner team-search'))
    runbook.add_argument("title", help='the runbook\'s title, e.g. "Checkout error rate high"')
    runbook.add_argument("-f", "--config-file", metavar="FILE",
                         help="the mkdocs.yml naming the runbook folders (default: ./mkdocs.yml)")
    runbook.add_argument("--runbooks", action="append", default=[], metavar="DIR",
                         help="runbook folder to write into (default: the first configured one), "
                              "e.g. --runbooks specs/runbooks")
    runbook.add_argument("--owner", metavar="NAME",
                         help="the team or person on call (default: $USER), e.g. --owner team-shop")
    runbook.add_argument("--last-reviewed", metavar="DATE",
                         help="the template's last_reviewed (YYYY-MM-DD; default: today)")

    schema = _sub(sub, "schema", "print the JSON Schema of a spec format, for editors",
                  _examples("specsite schema prd > prd.schema.json",
                            "specsite schema runbook > runbook.schema.json"))
    schema.add_argument("what", choices=["prd", "runbook", "debt"],
                        help="the format: prd, runbook or debt")

    init = _sub(sub, "init", "add specsite to an existing MkDocs project: the plugin entry, "
                             "spec folders and a nav; never overwrites a file",
                _examples("specsite init", "specsite init -f docs-site/mkdocs.yml"))
    init.add_argument("-f", "--config-file", metavar="FILE",
                      help="the mkdocs.yml to add specsite to (default: ./mkdocs.yml)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``specsite`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # one run over specs that all stay alive until it ends: collections would find nothing
    with collections_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "export":
            return _export(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "new":
            if args.what == "debt":
                return _new_debt(args)
            if args.what == "runbook":
                return _new_runbook(args)
            return _new_prd(args) if args.what == "prd" else _new_adr(args)
        if args.command == "schema":
            return _schema(args)
        if args.command == "init":
            return _init(args)
    except SettingsError as exc:
        print(f"specsite: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    return 2


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {flag: getattr(args, flag, []) for flag in KIND_FLAGS}
    settings = load_settings(args.config_file, overrides, Path.cwd())
    _something_to_check(settings, any(overrides.values()))
    return settings


def _something_to_check(settings: Settings, flags: bool) -> None:
    """A run that would check nothing is a usage error: a CI job started in the wrong folder must
    not go green."""
    if flags:
        return
    given = "/".join(f"--{flag}" for flag in KIND_FLAGS)
    if settings.config_file is None:
        raise SettingsError(f"nothing to check: no mkdocs.yml in {Path.cwd()} and no {given} "
                            f"given (or name the configuration with -f FILE)")
    configured = any(getattr(settings.config, flag) for flag in KIND_FLAGS)
    if not settings.plugin_listed and not configured:
        raise SettingsError(f"nothing to check: {settings.project.rel(settings.config_file)} does "
                            f"not list the specsite plugin and no {given} was given")


def _writable_output(output: str | None) -> None:
    """``--output`` must go into an existing folder; checked before any work is done."""
    if not output:
        return
    folder = (Path.cwd() / output).parent
    if not folder.is_dir():
        raise SettingsError(f"--output {output}: the folder {folder} does not exist")
    if (Path.cwd() / output).is_dir():
        raise SettingsError(f"--output {output}: is a folder, give a file name")


def _specs(settings: Settings) -> SpecSet:
    return load_specs(settings.project, settings.config, settings.docs_dir)


def _emit(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise SettingsError(f"--output {output}: cannot write it: {exc.strerror}") from None
    else:
        sys.stdout.write(text)


def _checked_files(specs: SpecSet) -> list[str]:
    return sorted({e.file for e in specs.graph if e.file and e.kind != "page"} |
                  {f.file for f in specs.findings if f.file})


def _check(args: argparse.Namespace) -> int:
    from .cli_output import present, timing_line, wants_colour

    started = time.perf_counter()
    _writable_output(args.output)
    settings = _settings(args)
    if args.as_of:
        settings.config = settings.config.model_copy(update={"as_of": _day(args.as_of, "--as-of")})
    specs = _specs(settings)
    context = ReportContext(files=_checked_files(specs), tool_version=__version__)
    report = renderers()[args.format](specs.findings, context)
    if args.format == "text":
        colour = not args.output and wants_colour(sys.stdout)
        report = present(report, specs.findings, colour, args.quiet)
    elif args.format == "github" and not any(f.severity is not Severity.INFO
                                             for f in specs.findings):
        # a clean run says so in the job log, where silence looks like nothing ran
        report += (f"::notice title=specsite::no errors or warnings in "
                   f"{len(context.files)} file(s)\n")
    _emit(report, args.output)
    if args.format == "text" and not args.quiet:
        print(timing_line(len(context.files), sum(1 for e in specs.graph if e.kind != "page"),
                          time.perf_counter() - started), file=sys.stderr)
    if has_errors(specs.findings):
        return 1
    warnings = sum(f.severity is Severity.WARNING for f in specs.findings)
    if args.strict and warnings:
        print(f"specsite: --strict: {warnings} warning(s) fail the check", file=sys.stderr)
        return 1
    return 0


def _export(args: argparse.Namespace) -> int:
    _writable_output(args.output)
    specs = _specs(_settings(args))
    _emit(json_document(export_document(specs), default=str), args.output)
    return 1 if has_errors(specs.findings) else 0


def _diff(args: argparse.Namespace) -> int:
    from .diff.command import DiffUsageError, Request, run

    _writable_output(args.output)
    revisions = list(args.revisions)
    limit = 1 if args.base_export else 2
    if len(revisions) > limit or (args.head_export and revisions[limit - 1:]):
        print("specsite: diff takes at most BASE and HEAD (HEAD only with --base-export; none "
              "for a side given with --head-export)", file=sys.stderr)
        return 2
    if args.base_export:
        revisions.insert(0, None)
    revisions += [None] * (2 - len(revisions))
    request = Request(base=revisions[0], head=revisions[1], base_export=args.base_export,
                      head_export=args.head_export, config_file=args.config_file,
                      overrides={flag: getattr(args, flag, []) for flag in KIND_FLAGS},
                      fail_on=args.fail_on, fmt=args.format, site_url=args.site_url,
                      as_of=args.as_of)
    try:
        _, text, code = run(request, Path.cwd())
    except DiffUsageError as exc:
        print(f"specsite diff: {exc}", file=sys.stderr)
        return 2
    _emit(text, args.output)
    return code


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


def _title(raw: str, what: str) -> str:
    """A new spec needs a title: an empty one would write ``0005-decision.md`` titled nothing."""
    if not raw.strip():
        raise SettingsError(f"new {what}: the title is empty; give one, e.g. "
                            f"specsite new {what} \"Use PostgreSQL for orders\"")
    return raw


def _new_adr(args: argparse.Namespace) -> int:
    from .adr.checks import successors
    from .adr.kind import ADR_KIND, adr_folders
    from .adr.writer import WriteError, new_adr

    _title(args.title, "adr")
    settings = load_settings(args.config_file, {"adrs": args.adrs}, Path.cwd())
    findings: list = []
    folders = adr_folders(settings.project, settings.config, findings)
    if not folders:
        raise SettingsError("no ADR folder: configure 'adrs' in mkdocs.yml or pass --adrs DIR")
    model = ADR_KIND.read(settings.project, settings.config.model_copy(
        update={"adrs": [str(folders[0])]})).model
    replaced = successors(model)
    for target in [_norm(i) for i in args.supersedes]:
        if replaced.get(target):
            raise SettingsError(
                f"new adr --supersedes {target}: {target} is already superseded by "
                f"{', '.join(sorted(replaced[target]))}; supersede that decision or --amends it")
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

    _title(args.title, "prd")
    settings = load_settings(args.config_file, {"prds": args.prds}, Path.cwd())
    owner = args.owner or os.environ.get("USER") or os.environ.get("USERNAME") or "unassigned"
    try:
        print(new_prd_in_project(settings.project, settings.config, args.title, owner))
    except WriteError as exc:
        raise SettingsError(str(exc)) from None
    return 0


def _new_debt(args: argparse.Namespace) -> int:
    from .debt.writer import WriteError, new_debt_in_project

    _title(args.title, "debt")
    settings = load_settings(args.config_file, {"debt": args.debt}, Path.cwd())
    try:
        print(new_debt_in_project(settings.project, settings.config, args.title))
    except WriteError as exc:
        raise SettingsError(str(exc)) from None
    return 0


def _day(raw: str, flag: str) -> dt.date:
    """A YYYY-MM-DD command-line date, or a usage error naming the flag."""
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise SettingsError(f"{flag} {raw}: not a date; write YYYY-MM-DD, e.g. 2027-01-31") from None


def _new_runbook(args: argparse.Namespace) -> int:
    from .runbook.writer import WriteError, new_runbook_in_project

    _title(args.title, "runbook")
    today = _day(args.last_reviewed, "--last-reviewed") if args.last_reviewed else dt.date.today()
    settings = load_settings(args.config_file, {"runbooks": args.runbooks}, Path.cwd())
    owner = args.owner or os.environ.get("USER") or os.environ.get("USERNAME") or "unassigned"
    try:
        print(new_runbook_in_project(settings.project, settings.config, args.title, owner, today))
    except WriteError as exc:
        raise SettingsError(str(exc)) from None
    return 0


def _schema(args: argparse.Namespace) -> int:
    if args.what == "debt":
        from .debt.model import json_schema
    elif args.what == "runbook":
        from .runbook.model import json_schema
    else:
        from .prd.model import json_schema

    sys.stdout.write(json_schema())
    return 0


def _init(args: argparse.Namespace) -> int:
    from .init import InitError, apply, plan

    config_file = Path.cwd() / (args.config_file or "mkdocs.yml")
    try:
        planned = plan(config_file)
        created = apply(config_file, planned)
    except InitError as exc:
        raise SettingsError(f"init: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"init: nothing written: {exc}") from None
    root = config_file.parent
    for path in created:
        print(f"created {path.relative_to(root).as_posix()}")
    options = ", ".join(f"{k}: {v}" for k, v in planned.options.items())
    print(f"updated {config_file.name}: plugins gains specsite ({options})")
    if planned.nav_added:
        print(f"updated {config_file.name}: nav gains " +
              ", ".join(next(iter(s)) for s in planned.nav_added))
    if planned.nav_snippet:
        print(f"MkDocs builds the nav from the files; to list the spec sections yourself, add to "
              f"{config_file.name}:\n{planned.nav_snippet}", end="")
    print("next: specsite check, then mkdocs serve")
    return 0


def _norm(raw: str) -> str:
    from .core.xref import normalise

    return normalise(raw if not raw.isdigit() else f"ADR-{raw}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
