"""``junit``: JUnit XML, which every CI server can display as a test report.

One testsuite per file, one testcase per finding: errors and warnings fail, info
findings pass with their message in ``system-out``; a clean file is one passing
testcase, an unreadable one an ``<error>``.
"""

from __future__ import annotations

import re

from moneyfix.model import FileReport
from moneyfix.report._common import locate

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Code points XML 1.0 cannot carry at all; etree would write them and break the file."""


def _xml_safe(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def render(reports: list[FileReport]) -> str:
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="moneyfix")
    all_tests = all_failures = all_errors = 0
    for report in reports:
        path = _xml_safe(report.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        tests = failures = errors = 0
        if report.error is not None:
            case = ET.SubElement(suite, "testcase", name="read", classname=path, file=path)
            error = ET.SubElement(case, "error", message=_xml_safe(report.error), type="error")
            error.text = _xml_safe(f"{report.path}: {report.error}")
            tests, errors = 1, 1
        else:
            located = locate(report)
            for loc in located:
                f = loc.finding
                case = ET.SubElement(
                    suite,
                    "testcase",
                    name=_xml_safe(f"{f.code} {f.name} at {loc.line}:{loc.column}"),
                    classname=path,
                    file=path,
                    line=str(loc.line),
                )
                detail = _xml_safe(
                    f"{report.path}:{loc.line}:{loc.column}: {f.code} [{f.severity}] {f.message}"
                )
                if f.severity in ("error", "warning"):
                    failure = ET.SubElement(
                        case, "failure", message=_xml_safe(f.message), type=f.code
                    )
                    failure.text = detail
                    failures += 1
                else:
                    ET.SubElement(case, "system-out").text = detail
                tests += 1
            if not located:
                ET.SubElement(suite, "testcase", name="no problems", classname=path, file=path)
                tests = 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        all_tests += tests
        all_failures += failures
        all_errors += errors
    root.set("tests", str(all_tests))
    root.set("failures", str(all_failures))
    root.set("errors", str(all_errors))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
