"""'./coinlake report' opened in a real browser (Debian's headless Chromium through Selenium): every
chart drew the series and points the simulated week holds, with the values './coinlake sql' reads;
no console error; no network; readable on a phone and in the dark; the table sorts. A full-page
screenshot is kept as target/test-artifacts/report.png."""

import base64
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DAYS, ROOT, run_cli, sql

ARTIFACTS = ROOT / "target" / "test-artifacts"
ASSETS = 10  # COINLAKE_ASSET_COUNT of the tests' stack
CHARTS = ("market", "prices", "averages", "ranks", "movers", "quality")


@pytest.fixture(scope="module")
def report(lake, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli(lake, "report", "--out", str(out))
    assert result.returncode == 0, result.stderr[-5000:]
    assert f"open it in a browser: {out.as_uri()}" in result.stdout
    assert "[report] reading market totals" in result.stdout
    return out


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_report(browser, report):
    browser.get(report.as_uri())
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.drawn"))


def series(browser, chart):
    """Each series of a chart as ECharts holds it: its name and its data."""
    return browser.execute_script(
        "var c = echarts.getInstanceByDom(document.getElementById('chart-' + arguments[0]));"
        "return c ? c.getOption().series.map(function (s) { return {name: s.name, data: s.data}; }) : null;", chart)


def painted_pixels(browser, chart):
    return browser.execute_script(
        "var canvas = document.querySelector('#chart-' + arguments[0] + ' canvas');"
        "if (!canvas || !canvas.width) { return 0; }"
        "var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data, n = 0;"
        "for (var i = 3; i < pixels.length; i += 4) { if (pixels[i]) { n++; } }"
        "return n;", chart)


def points(data):
    return [value for value in data if value is not None]


def test_every_chart_draws_the_weeks_series_with_the_lakes_values(report, browser, lake):
    open_report(browser, report)

    drawn = {chart: series(browser, chart) for chart in CHARTS}
    counts = {chart: [len(points(s["data"])) for s in drawn[chart]] for chart in CHARTS}
    assert counts == {
        "market": [DAYS] * 3,
        "prices": [DAYS] * ASSETS,
        "averages": [DAYS] * 3,
        "ranks": [DAYS] * ASSETS,
        # The first day has no day before it: its movers are empty, and the chart shows the last day.
        "movers": [5, 5],
        "quality": [DAYS] * 4,
    }, counts
    for chart in CHARTS:
        assert painted_pixels(browser, chart) > 1000, f"the {chart} chart's canvas is blank"

    market = sql(lake, "select day, total_market_cap_usd, btc_dominance_pct from gold.market_daily order by day")
    assert [row["day"] for row in market] == browser.execute_script("return JSON.parse("
                                                                    "document.getElementById('coinlake-data').textContent).days")
    assert drawn["market"][0]["data"] == pytest.approx([float(row["total_market_cap_usd"]) for row in market], rel=1e-12)
    assert drawn["market"][2]["data"] == pytest.approx([float(row["btc_dominance_pct"]) for row in market], rel=1e-12)
    last_day = sql(lake, "select f.asset_id, d.symbol, f.close_price_usd from gold.fct_asset_daily f join gold.dim_asset d"
                         " using (asset_id) where f.day = date'2026-11-07' order by f.market_cap_rank, f.asset_id")
    assert [s["name"] for s in drawn["prices"]] == [row["symbol"] for row in last_day]
    assert [s["data"][-1] for s in drawn["prices"]] == pytest.approx([float(row["close_price_usd"]) for row in last_day], rel=1e-12)

    # The exact figures are in the page too: the tooltip's text for the last day's total market cap.
    exact_cap = Decimal(market[-1]["total_market_cap_usd"])
    page_cap = browser.execute_script("return JSON.parse(document.getElementById('coinlake-data').textContent).market.cap[6]")
    assert Decimal(page_cap) == exact_cap

    rows = browser.find_elements(By.CSS_SELECTOR, "#assets tbody tr")
    assert len(rows) == ASSETS
    assert "Simulated data" in browser.find_element(By.ID, "simulated").text
    footer = browser.find_element(By.ID, "footer").text
    for table in ("gold.market_daily", "gold.fct_asset_daily", "gold.dim_asset", "audit.quality_checks"):
        assert re.search(re.escape(table) + r" \d+", footer), footer

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    # Everything is inline: the page asked the network for nothing.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": 1400, "height": height, "scale": 1}})
    (ARTIFACTS / "report.png").write_bytes(base64.b64decode(shot["data"]))


def test_the_asset_table_sorts_by_a_clicked_column(report, browser):
    open_report(browser, report)
    header = next(th for th in browser.find_elements(By.CSS_SELECTOR, "#assets th") if th.text == "price")

    header.click()
    first = [float(v) for v in browser.execute_script(
        "return Array.from(document.querySelectorAll('#assets tbody td:nth-child(4)')).map(td => td.title.replace(/[$,]/g, ''))")]
    header = next(th for th in browser.find_elements(By.CSS_SELECTOR, "#assets th") if th.text.startswith("price"))
    header.click()
    second = [float(v) for v in browser.execute_script(
        "return Array.from(document.querySelectorAll('#assets tbody td:nth-child(4)')).map(td => td.title.replace(/[$,]/g, ''))")]

    assert first == sorted(first, reverse=True)
    assert second == sorted(second)
    assert len(first) == ASSETS


def test_on_a_phone_nothing_overflows_and_dark_mode_redraws_every_chart(report, browser):
    browser.set_window_size(390, 844)
    try:
        open_report(browser, report)
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        widths = browser.execute_script(
            "return Array.from(document.querySelectorAll('.chart')).map(e => e.getBoundingClientRect().width)")
        assert widths and max(widths) <= 390

        light = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        browser.find_element(By.ID, "theme").click()
        dark = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert light != dark
        assert sum(int(c) for c in re.findall(r"\d+", dark)[:3]) < 150, dark
        assert all(series(browser, chart) for chart in CHARTS)
        assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
        if os.environ.get("COINLAKE_KEEP_SCREENSHOTS"):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(ARTIFACTS / "report-phone-dark.png"))
    finally:
        browser.set_window_size(1400, 1000)
        browser.execute_script("localStorage.clear()")
