"""Known vulnerabilities in the installed dependencies (pip-audit, PyPI's advisory data).

Fails on any known vulnerability. Where the advisory data cannot be reached (a
machine that reaches only the package index), it says loudly that nothing was
audited instead of failing every build on a network it does not have.
"""

import json
import subprocess
import sys

result = subprocess.run(
    [
        sys.executable,
        "-m",
        "pip_audit",
        "--skip-editable",
        "--progress-spinner",
        "off",
        "-f",
        "json",
    ],
    capture_output=True,
    text=True,
)
try:
    report = json.loads(result.stdout)
except json.JSONDecodeError:
    print(result.stdout, result.stderr, sep="\n")
    sys.exit(result.returncode or 1)

dependencies = report.get("dependencies", [])
vulnerable = [d for d in dependencies if d.get("vulns")]
for dependency in vulnerable:
    ids = ", ".join(v["id"] for v in dependency["vulns"])
    print(f"VULNERABLE: {dependency['name']} {dependency['version']}: {ids}")
audited = [d for d in dependencies if "skip_reason" not in d]
if vulnerable:
    sys.exit(1)
if not audited:
    print(
        f"*** NOT AUDITED: the advisory data could not be reached for any of the "
        f"{len(dependencies)} dependencies (no network to PyPI's JSON API here). ***"
    )
else:
    print(f"No known vulnerabilities in {len(audited)} audited dependencies.")
