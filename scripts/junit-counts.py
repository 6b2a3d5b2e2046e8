"""Prints "PASSED FAILED" from a JUnit XML report (pytest's --junitxml).

A missing or empty report counts as one failure: the run did not finish.
"""
import sys
import xml.etree.ElementTree as ElementTree

try:
    root = ElementTree.parse(sys.argv[1]).getroot()
except (OSError, ElementTree.ParseError):
    print(0, 1)
    sys.exit(0)
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
tests = sum(int(suite.get("tests", 0)) for suite in suites)
failed = sum(int(suite.get(key, 0)) for suite in suites for key in ("failures", "errors"))
skipped = sum(int(suite.get("skipped", 0)) for suite in suites)
print(tests - failed - skipped, failed if tests else 1)
