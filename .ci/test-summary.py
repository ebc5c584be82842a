#!/usr/bin/env python3
"""Prints one line totalling every module's Surefire reports: 'Tests: N passed, N failed, N skipped'."""
import glob
import xml.etree.ElementTree as ET

total = failed = skipped = 0
for report in glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True):
    suite = ET.parse(report).getroot()
    total += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
passed = total - failed - skipped
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
