"""The reports desk in a browser: ONDCP reads the national picture (tables, the charts as an image,
the CSV) for a period it chooses; DEA reads its agency report."""

from __future__ import annotations

from typing import Any

from tests.console.conftest import Watched, assert_accessible, screenshot, sign_in


def test_oversight_reads_the_national_picture_with_its_charts_and_csv(
    console: Watched, console_stack: dict[str, Any]
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Administrator ONDCP")
    page.get_by_role("heading", name="Reports · ONDCP").wait_for()
    page.get_by_role("heading", name="National picture", exact=False).first.wait_for()
    assert page.get_by_label("Report", exact=True).locator("option").all_inner_texts() == [
        "National picture",
        "Semiannual progress report",
    ]
    page.get_by_role("table", name="Tips, by platform").or_(
        page.get_by_text("Tips, by platform: nothing counted")
    ).wait_for()
    chart = page.get_by_role("img", name="Bar charts: The national picture", exact=False)
    chart.wait_for()
    assert chart.get_attribute("src").startswith("blob:")
    assert page.locator("main script").count() == 0  # pygal's script never enters the page
    assert_accessible(page, "reports desk")
    screenshot(page, "reports")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the CSV").click()
    assert download.value.suggested_filename.startswith("national-")

    period = page.get_by_role("combobox", name="Period")
    assert period.locator("optgroup[label=Month]").count() == 0
    halves = period.locator("optgroup[label=Half] option")
    earlier = str(halves.nth(1).get_attribute("value"))  # the nation's figures: by half-year only
    period.select_option(earlier)
    page.get_by_role("button", name="Show").click()
    page.get_by_role("heading", name=f"The national picture · NATIONAL · {earlier}").wait_for()


def test_an_agency_reads_its_own_report(console: Watched, console_stack: dict[str, Any]) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent DEA")
    page.get_by_role("navigation", name="Desks").get_by_role("button", name="Reports").click()
    page.get_by_role("heading", name="Reports · DEA").wait_for()
    page.get_by_role("img", name="Bar charts: Agency report", exact=False).wait_for()
    assert_accessible(page, "agency report")
