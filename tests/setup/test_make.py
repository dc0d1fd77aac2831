"""The set-up check the Makefile runs before installing: without ICU headers (or a C++ compiler) a
fresh clone gets the one-line install for each platform instead of a PyICU compiler error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="GNU make not installed")


def check_icu(*overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "--no-print-directory", "check-icu", *overrides], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("overrides", [("PKG_CONFIG=false", "ICU_CONFIG=false"), ("CXX=no-such-compiler",)])
def test_missing_icu_or_compiler_prints_the_install_line_per_platform(overrides) -> None:
    r = check_icu(*overrides)
    assert r.returncode != 0
    assert "ICU headers" in r.stdout
    assert "apt-get install -y libicu-dev pkg-config g++" in r.stdout
    assert "dnf install -y libicu-devel" in r.stdout
    assert "brew install icu4c" in r.stdout


@pytest.mark.skipif(subprocess.run(["pkg-config", "--exists", "icu-uc"]).returncode != 0 if shutil.which("pkg-config")
                    else True, reason="this machine has no ICU headers (pkg-config icu-uc)")
def test_icu_present_passes_silently() -> None:
    r = check_icu()
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""


def test_install_runs_the_check_before_pip() -> None:
    r = subprocess.run(["make", "-n", "-B", "install"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    lines = r.stdout.splitlines()
    first_pip = next(i for i, line in enumerate(lines) if "pip install" in line)
    assert any("check-icu" in line for line in lines[:first_pip])


def test_make_test_prints_skip_reasons() -> None:
    r = subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert any("pytest" in line and "-rs" in line.split() for line in r.stdout.splitlines())
