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

    python3 dashboard_test.py kiosk URL EXPECTATIONS_JSON SCREENSHOT_PATH
    python3 dashboard_test.py glance URL EXPECTATIONS_JSON SCREENSHOT_PATH

kiosk: /dashboard#kiosk signed in with a viewer key (then with a reader
key): the page text and DOM hold none of the "forbidden" strings (MRNs,
notes, case ids of the stored cases), no case opens, a case stored while
the page is open appears without showing its reference, and the critical
case is marked critical. glance: with a reader key, the critical case's
verdict is coloured critical whatever its verdict, warnings read in words
with their severity, Table 2 comparisons carry each side's n and are drawn
only from the stated minimum, and a case's detail opens at its top. Each
saves its screenshots beside SCREENSHOT_PATH (-list.png, -detail.png).
"""
import json
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def start(height=2200):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size=1400,{height}"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def sign_in(driver, token, cases):
    """Signs in and waits until the page shows `cases` stored cases."""
    wait = WebDriverWait(driver, 15)
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.ID, "sign-in-button").click()
    wait.until(EC.visibility_of_element_located((By.ID, "signed-in")))
    wait.until(lambda d: d.find_element(By.ID, "total-cases").text == str(cases))


def console_errors(driver, failures):
    """The strict CSP must not have blocked anything the page needs."""
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE" and "poemsd_not-a-key" not in entry.get("message", "") and "401" not in entry.get("message", ""):
            failures.append(f"browser console: {entry['message']}")


def store(url, writer, body):
    request = urllib.request.Request(url.split("/dashboard")[0] + "/v1/cases", method="POST", data=body.encode(),
                                     headers={"Authorization": "Bearer " + writer, "Content-Type": "application/json"})
    urllib.request.urlopen(request).read()


def no_patient_reference(driver, forbidden, label, failures):
    text, dom = driver.find_element(By.TAG_NAME, "body").text, driver.page_source
    for secret in forbidden:
        if secret in text:
            failures.append(f"{label}: the page text shows {secret!r}")
        if secret in dom:
            failures.append(f"{label}: the DOM holds {secret!r}")


def critical_row(driver, failures, label):
    """The row of the case with the critical warning: its verdict cell is coloured critical, not by its verdict."""
    rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "#cases tbody tr") if "M-protein possibly missed" in r.text]
    if len(rows) != 1:
        failures.append(f"{label}: {len(rows)} rows with the M-protein warning in words, expected 1")
        return None
    row = rows[0]
    cells = row.find_elements(By.CSS_SELECTOR, "td.verdict-critical")
    if not cells:
        failures.append(f"{label}: the critical case's verdict is not marked critical: {row.get_attribute('outerHTML')[:300]}")
        return row
    cell = cells[0]
    if cell.get_attribute("data-verdict") != "does-not-meet":
        failures.append(f"{label}: the critical case's verdict is {cell.get_attribute('data-verdict')!r}, expected does-not-meet")
    background, colour = cell.value_of_css_property("background-color"), cell.value_of_css_property("color")
    if background != "rgba(253, 232, 232, 1)" or colour == "rgba(40, 94, 46, 1)":
        failures.append(f"{label}: the critical verdict is drawn {colour} on {background}, not the critical colours")
    if "(critical warning)" not in cell.text:
        failures.append(f"{label}: the critical verdict does not say so in words: {cell.text!r}")
    if "Critical: M-protein possibly missed" not in row.text:
        failures.append(f"{label}: the warning is not in words with its severity: {row.text!r}")
    return row


def kiosk(url, expectations, screenshot):
    """A wall screen: a viewer key, then a reader key on /dashboard#kiosk."""
    driver = start()
    failures = []
    forbidden = expectations["forbidden"]
    try:
        driver.get(url + "#kiosk")
        sign_in(driver, expectations["viewer"], expectations["cases"])
        if "Kiosk mode" not in driver.find_element(By.ID, "mode").text:
            failures.append("the page does not say it is in kiosk mode")
        no_patient_reference(driver, forbidden, "viewer key", failures)
        if driver.find_elements(By.CSS_SELECTOR, "#cases tr[data-case-id]"):
            failures.append("kiosk rows carry case ids")
        for set_id, counts in expectations["verdicts"].items():
            for verdict, count in counts.items():
                cell = driver.find_element(By.CSS_SELECTOR, f'td[data-set="{set_id}"][data-verdict="{verdict}"]')
                if cell.text != str(count):
                    failures.append(f"{set_id} {verdict}: page shows {cell.text}, expected {count}")
        row = critical_row(driver, failures, "kiosk")
        if row is not None:
            row.click()
            if driver.find_element(By.ID, "case").is_displayed():
                failures.append("a case opened in kiosk mode")
        # A case stored while the page is open appears (the feed, without case ids), without its reference.
        store(url, expectations["writer"], '{"patientRef": "%s", "note": "%s", "findings": {"polyneuropathy": true}}'
              % (expectations["live"], expectations["liveNote"]))
        try:
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "total-cases").text == str(expectations["cases"] + 1))
        except Exception:
            failures.append("a case stored while the page was open did not appear without a reload")
        no_patient_reference(driver, forbidden + [expectations["live"], expectations["liveNote"]], "viewer key, after a live case", failures)
        console_errors(driver, failures)
        driver.save_screenshot(screenshot)
        print(f"screenshot: {screenshot}")
        # Kiosk mode by address: a reader key there shows no reference either.
        driver.find_element(By.ID, "sign-out").click()
        sign_in(driver, expectations["reader"], expectations["cases"] + 1)
        no_patient_reference(driver, forbidden + [expectations["live"], expectations["liveNote"]], "reader key on #kiosk", failures)
        if driver.find_elements(By.CSS_SELECTOR, "#cases tr[data-case-id]"):
            failures.append("#kiosk with a reader key: rows carry case ids")
    finally:
        driver.quit()
    return failures


def glance(url, expectations, screenshot):
    """A reader key: critical colour, warnings in words, Table 2 with n and its minimum, detail at its top."""
    driver = start(height=1000)
    failures = []
    try:
        driver.get(url)
        sign_in(driver, expectations["reader"], expectations["cases"])
        minimum = driver.find_element(By.ID, "minimum-n").text
        if minimum != str(expectations["minimum"]):
            failures.append(f"the stated minimum is {minimum!r}, expected {expectations['minimum']}")
        rule = driver.find_element(By.ID, "minimum-rule").text
        if "Wilson" not in rule or "5 percentage points" not in rule:
            failures.append(f"the minimum's reason is not stated: {rule!r}")
        critical_row(driver, failures, "reader")
        text = driver.find_element(By.TAG_NAME, "body").text
        if "m-protein-possibly-missed" in text:
            failures.append("a warning is shown as its code")
        for criterion in expectations["drawn"]:
            row = driver.find_element(By.CSS_SELECTOR, f'#chart [data-criterion="{criterion}"]')
            meters = row.find_elements(By.TAG_NAME, "meter")
            n = expectations["assessed"][criterion]
            if row.get_attribute("data-drawn") != "true" or len(meters) != 2:
                failures.append(f"{criterion}: {len(meters)} bars with n = {n}, expected the comparison drawn")
            if f"of n = {n} assessed" not in row.text or "(n = 99)" not in row.text:
                failures.append(f"{criterion}: each side's n is not shown: {row.text!r}")
        for criterion in expectations["notDrawn"]:
            row = driver.find_element(By.CSS_SELECTOR, f'#chart [data-criterion="{criterion}"]')
            n = expectations["assessed"][criterion]
            if row.get_attribute("data-drawn") != "false" or row.find_elements(By.TAG_NAME, "meter"):
                failures.append(f"{criterion}: drawn with n = {n}, below the minimum")
            if f"n = {n} assessed" not in row.text or f"fewer than {expectations['minimum']}, not compared" not in row.text:
                failures.append(f"{criterion}: the page does not say why it is not compared: {row.text!r}")
        base = screenshot[:-4] if screenshot.endswith(".png") else screenshot
        driver.execute_script("document.getElementById('chart').scrollIntoView()")
        driver.save_screenshot(base + "-list.png")
        print(f"screenshot: {base}-list.png")

        # The detail opens at its top, from a row far down the list.
        row = driver.find_element(By.CSS_SELECTOR, f'#cases tr[data-case-id="{expectations["critical"]}"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
        row.click()
        wait = WebDriverWait(driver, 15)
        wait.until(EC.visibility_of_element_located((By.ID, "case")))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#checklists .checklist"))
        top = driver.execute_script("return document.getElementById('case').getBoundingClientRect().top")
        if not -2 <= top <= 30:
            failures.append(f"the detail opened {top:.0f} px from the top of the window")
        if driver.execute_script("return document.activeElement.id") != "case-title":
            failures.append("the detail's title does not have the focus")
        banner = driver.find_element(By.ID, "case-critical")
        if not banner.is_displayed() or "M-protein possibly missed" not in banner.text:
            failures.append(f"the detail does not lead with its critical warning: {banner.text!r}")
        if not driver.find_elements(By.CSS_SELECTOR, "#checklists .verdict.verdict-critical"):
            failures.append("the detail's verdicts are not marked critical")
        words = driver.find_element(By.ID, "case-warnings").text
        if not words.startswith("Critical: M-protein possibly missed"):
            failures.append(f"the detail's warnings do not start with the critical one, in words: {words[:120]!r}")
        driver.save_screenshot(base + "-detail.png")
        print(f"screenshot: {base}-detail.png")
        console_errors(driver, failures)
    finally:
        driver.quit()
    return failures


def main():
    if sys.argv[1] in ("kiosk", "glance"):
        mode, url, expectations, screenshot = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
        failures = (kiosk if mode == "kiosk" else glance)(url, expectations, screenshot)
        for failure in failures:
            print(f"FAIL: {failure}")
        return 1 if failures else 0
    url, token, expectations, screenshot = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
    driver = start()
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
        if "Table 2: " not in papilledema or "(n = 99)" not in papilledema:
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

        console_errors(driver, failures)
        if len(sys.argv) > 5:
            store(url, sys.argv[5], '{"patientRef": "MRN-LIVE", "findings": {"polyneuropathy": true}}')
            try:
                WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "total-cases").text == str(expectations["cases"] + 1))
            except Exception:
                failures.append("a case stored while the page was open did not appear without a reload")
        driver.save_screenshot(screenshot)
        print(f"screenshot: {screenshot}")
    finally:
        driver.quit()
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
