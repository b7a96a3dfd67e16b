"""JUnit XML: one test case per checked file; error findings are its failures."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..core.findings import Finding, Severity
from . import ReportContext
from .escape import visible


def render(findings: list[Finding], context: ReportContext) -> str:
    """A ``testsuites`` document CI systems show as a test report (warnings go to system-out)."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[f.file or "(project)"].append(f)
    files = sorted(set(context.files) | set(by_file))
    failed = sum(1 for name in files if any(f.severity is Severity.ERROR for f in by_file[name]))
    suites = ET.Element("testsuites", name="specsite", tests=str(len(files)), failures=str(failed))
    suite = ET.SubElement(suites, "testsuite", name="specsite check", tests=str(len(files)),
                          failures=str(failed), errors="0", skipped="0")
    for name in files:
        # visible(): XML 1.0 forbids most control characters even as references, and one line
        # per finding keeps a printed report from starting a line with a workflow command
        case = ET.SubElement(suite, "testcase", classname="specsite", name=visible(name),
                             file=visible(name))
        errors = [f for f in by_file[name] if f.severity is Severity.ERROR]
        for f in errors:
            failure = ET.SubElement(case, "failure", type=f.code, message=visible(f.message))
            failure.text = visible(f"{f.location()}: {f.code} {f.message}")
        others = [f for f in by_file[name] if f.severity is not Severity.ERROR]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(visible(f"{f.location()}: {f.severity.value} {f.code} {f.message}")
                                 for f in others)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
