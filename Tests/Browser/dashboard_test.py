"""Drives GET /dashboard in headless Chromium (Selenium, Debian's chromium
and chromium-driver) against a running poemsd, as a person would: signs in
with an API key, then checks what the page renders against the expectations
given as JSON. Takes a screenshot and prints its path. Exit status 0 when
everything matched, 1 with the reasons otherwise.

    python3 dashboard_test.py URL TOKEN EXPECTATIONS_JSON SCREENSHOT_PATH [WRITER_TOKEN]

With WRITER_TOKEN, it then stores one more case through the API and checks
that the open page shows it without a reload (the page follows the feed).

EXPECTATIONS_JSON: {"cases": 3, "verdicts": {"imwg-2014": {"meets": 2, ...}},
"case": {"id": "...", "verdicts": {"imwg-2014": "meets", ...}}}
"""
import json
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from headless_chromium import chromium, report


def main():
    url, token, expectations, screenshot = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
    driver = chromium("1400,2200")
    failures = []
    try:
        wait = WebDriverWait(driver, 15)
        driver.get(url)
        # A wrong key is refused and the form stays.
        driver.find_element(By.ID, "token").send_keys("poemsd_not-a-key")
        driver.find_element(By.ID, "sign-in-button").click()
        wait.until(lambda d: d.find_element(By.ID, "sign-in-error").text != "")
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.ID, "sign-in-button").click()
        wait.until(EC.visibility_of_element_located((By.ID, "signed-in")))
        wait.until(lambda d: d.find_element(By.ID, "total-cases").text == str(expectations["cases"]))

        for set_id, counts in expectations["verdicts"].items():
            for verdict, count in counts.items():
                cell = driver.find_element(By.CSS_SELECTOR, f'td[data-set="{set_id}"][data-verdict="{verdict}"]')
                if cell.text != str(count):
                    failures.append(f"{set_id} {verdict}: page shows {cell.text}, expected {count}")
        rows = driver.find_elements(By.CSS_SELECTOR, "#cases tbody tr")
        if len(rows) != expectations["cases"]:
            failures.append(f"case rows: {len(rows)}, expected {expectations['cases']}")
        bars = driver.find_elements(By.CSS_SELECTOR, "#chart .bar-row")
        if not bars:
            failures.append("no criteria chart")
        papilledema = driver.find_element(By.CSS_SELECTOR, '#chart [data-criterion="papilledema"]').text
        if "Table 2, n = 99" not in papilledema:
            failures.append(f"papilledema chart row lacks Table 2's n: {papilledema!r}")

        case = expectations["case"]
        driver.find_element(By.CSS_SELECTOR, f'#cases tr[data-case-id="{case["id"]}"]').click()
        wait.until(EC.visibility_of_element_located((By.ID, "case")))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#checklists .checklist"))
        for set_id, verdict in case["verdicts"].items():
            shown = driver.find_element(By.CSS_SELECTOR, f'[data-checklist-set="{set_id}"] .verdict').text
            if shown != verdict:
                failures.append(f"case {set_id}: page shows {shown!r}, expected {verdict!r}")
        if not driver.find_elements(By.CSS_SELECTOR, '#checklists li.status-met'):
            failures.append("checklist shows no met criterion")

        # The strict CSP must not have blocked anything the page needs.
        for entry in driver.get_log("browser"):
            if entry.get("level") == "SEVERE" and "poemsd_not-a-key" not in entry.get("message", "") and "401" not in entry.get("message", ""):
                failures.append(f"browser console: {entry['message']}")
        if len(sys.argv) > 5:
            request = urllib.request.Request(
                url.replace("/dashboard", "/v1/cases"), method="POST",
                data=b'{"patientRef": "MRN-LIVE", "findings": {"polyneuropathy": true}}',
                headers={"Authorization": "Bearer " + sys.argv[5], "Content-Type": "application/json"})
            urllib.request.urlopen(request).read()
            try:
                WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "total-cases").text == str(expectations["cases"] + 1))
            except Exception:
                failures.append("a case stored while the page was open did not appear without a reload")
        driver.save_screenshot(screenshot)
        print(f"screenshot: {screenshot}")
    finally:
        driver.quit()
    return report(failures)


if __name__ == "__main__":
    sys.exit(main())
