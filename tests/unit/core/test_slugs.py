"""One slug maker for file names and new taxonomy terms, in any script."""

from __future__ import annotations

from pathlib import Path

import pytest

from postmortem_kb.text.slugs import slugify
from tests.harness import ROOT, copy_archive, run_cli


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Сбой оплаты", "sboi-oplaty"),
        ("Straße", "strasse"),
        ("Payment gateway’s API: 80% down!", "payment-gateways-api-80-down"),
        ("支付回调丢失", "zhi-fu-hui-diao-diu-shi"),
        ("Café résumé", "cafe-resume"),
        ("!!!", ""),
    ],
)
def test_titles_in_any_script_make_file_names(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_new_names_a_non_latin_title(tmp_path: Path) -> None:
    copy_archive(ROOT / "incidents", tmp_path / "incidents")
    result = run_cli("new", "Сбой оплаты", "--date", "2025-02-03", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "incidents" / "2025-02-03-sboi-oplaty.yaml"
    assert written.is_file()
    assert "title: Сбой оплаты" in written.read_text(encoding="utf-8")
