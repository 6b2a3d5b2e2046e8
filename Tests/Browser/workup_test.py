"""Drives GET /workup in headless Chromium (Selenium, Debian's chromium and
chromium-driver) against running poemsd instances, as a clinician would,
following a plan written by WorkupPageTests (JSON file):

    python3 workup_test.py PLAN_JSON

PLAN_JSON: {"screenshots": DIR, "steps": [
  {"kind": "link", "url": ".../workup#CAPABILITY", "expected": EVALUATION},
      opened with no key: the page shows the whole evaluation, equal to EXPECTED;
  {"kind": "refused", "url": ".../workup#CAPABILITY", "status": 410, "type": "urn:..."},
      the page says why and shows no result;
  {"kind": "form", "url": ".../workup", "token": KEY, "scenarios": [INPUT, ...], "refusedLab": {...}},
      signs in, enters each scenario in the form, and compares what the page
      shows with the API's answer to the same input (POST /v1/evaluations);
      enters a value the API refuses and expects it refused at its field;
  {"kind": "print", ...} is part of "form": the print view of the last scenario.
]}

Takes screenshots in DIR and prints their paths. Exit status 0 when
everything matched, 1 with the reasons otherwise.
"""
import json
import os
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from headless_chromium import chromium, report

failures = []


def fail(text):
    failures.append(text)


def text_of(node):
    return " ".join((node.get_attribute("textContent") or "").split())


def squeeze(text):
    return " ".join((text or "").split())


def without_nulls(value):
    if isinstance(value, dict):
        kept = {k: without_nulls(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in kept.items() if v != {} or k == "findings"}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def compare(driver, evaluation, label):
    """What the page shows against the evaluation document."""
    headline = driver.find_element(By.ID, "headline")
    shown = headline.find_element(By.CSS_SELECTOR, "[data-verdict]").get_attribute("data-verdict")
    if shown != evaluation["verdict"]:
        fail(f"{label}: headline verdict {shown!r}, API {evaluation['verdict']!r}")
    if headline.get_attribute("data-criteria-set") != evaluation["criteriaSet"]:
        fail(f"{label}: headline set {headline.get_attribute('data-criteria-set')!r}, API {evaluation['criteriaSet']!r}")
    if text_of(driver.find_element(By.ID, "summary")) != squeeze(evaluation["summary"]):
        fail(f"{label}: summary differs")
    for set_ in evaluation["evaluations"]:
        column = driver.find_elements(By.CSS_SELECTOR, f'#sets [data-set="{set_["criteriaSet"]}"]')
        if not column:
            fail(f"{label}: no column for {set_['criteriaSet']}")
            continue
        verdict = text_of(column[0].find_element(By.CSS_SELECTOR, ".verdict"))
        if verdict != set_["verdict"]:
            fail(f"{label}: {set_['criteriaSet']} verdict {verdict!r}, API {set_['verdict']!r}")
        for criterion in set_["criteria"]:
            items = column[0].find_elements(By.CSS_SELECTOR, f'li[data-criterion="{criterion["id"]}"]')
            if not items:
                fail(f"{label}: {set_['criteriaSet']} lacks {criterion['id']}")
                continue
            if items[0].get_attribute("data-status") != criterion["status"]:
                fail(f"{label}: {set_['criteriaSet']} {criterion['id']} {items[0].get_attribute('data-status')!r}, API {criterion['status']!r}")
            if text_of(items[0].find_element(By.CSS_SELECTOR, ".basis")) != squeeze(criterion["basis"]):
                fail(f"{label}: {set_['criteriaSet']} {criterion['id']} basis differs")
    conditions = [n.get_attribute("data-condition") for n in driver.find_elements(By.CSS_SELECTOR, "#differential > li[data-condition]")]
    if conditions != [d["condition"] for d in evaluation["differential"]]:
        fail(f"{label}: differential {conditions}, API {[d['condition'] for d in evaluation['differential']]}")
    for entry in evaluation["differential"]:
        node = driver.find_element(By.CSS_SELECTOR, f'#differential > li[data-condition="{entry["condition"]}"]')
        for step in entry["toExclude"]:
            if squeeze(step) not in text_of(node):
                fail(f"{label}: {entry['condition']} lacks what excludes it")
    warnings = sorted((n.get_attribute("data-warning"), n.get_attribute("data-severity"))
                      for n in driver.find_elements(By.CSS_SELECTOR, "#warnings li[data-warning]"))
    if warnings != sorted((w["code"], w["severity"]) for w in evaluation["warnings"]):
        fail(f"{label}: warnings {warnings}, API {[(w['code'], w['severity']) for w in evaluation['warnings']]}")
    groups = [n.get_attribute("data-severity-group") for n in driver.find_elements(By.CSS_SELECTOR, "#warnings [data-severity-group]")]
    if groups != [s for s in ["critical", "warning", "info"] if s in groups]:
        fail(f"{label}: warnings not ordered by severity: {groups}")
    steps = [n.get_attribute("data-step") for n in driver.find_elements(By.CSS_SELECTOR, "#workup > li")]
    if steps != [s["id"] for s in evaluation["suggestedWorkup"]]:
        fail(f"{label}: work-up {steps}, API {[s['id'] for s in evaluation['suggestedWorkup']]}")
    if len(driver.find_elements(By.CSS_SELECTOR, "#workup > li input[type=checkbox]")) != len(steps):
        fail(f"{label}: the work-up is not a checklist")
    evidence = driver.find_element(By.ID, "evidence")
    applicability = evidence.get_attribute("data-applicability")
    expected = evaluation["treatmentEvidence"]["applicability"] if evaluation.get("treatmentEvidence") else "withheld"
    if applicability != expected:
        fail(f"{label}: evidence {applicability!r}, API {expected!r}")
    if expected == "withheld":
        if text_of(driver.find_element(By.ID, "evidence-withheld")) != squeeze(evaluation["treatmentEvidenceWithheld"]):
            fail(f"{label}: the withheld reason differs")
        if driver.find_elements(By.CSS_SELECTOR, "#evidence table"):
            fail(f"{label}: evidence tables shown although withheld")
    if text_of(driver.find_element(By.ID, "disclaimer")) != squeeze(evaluation["disclaimer"]):
        fail(f"{label}: disclaimer differs")


def control(driver, pointer):
    return driver.find_element(By.CSS_SELECTOR, f'select[data-pointer="{pointer}"], input[data-pointer="{pointer}"]')


def fill(driver, pointer, value):
    if isinstance(value, dict):
        for name, member in value.items():
            fill(driver, f"{pointer}/{name}", member)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            driver.find_element(By.CSS_SELECTOR, f'[data-add="{pointer}"]').click()
            for name, member in item.items():
                Select(control(driver, f"{pointer}/{index}/{name}")).select_by_value(member)
    elif value is None:
        return
    elif isinstance(value, bool):
        Select(control(driver, pointer)).select_by_value("true" if value else "false")
    elif isinstance(value, (int, float)):
        node = control(driver, pointer)
        node.clear()
        node.send_keys(str(value))
    else:
        Select(control(driver, pointer)).select_by_value(value)


def api_evaluation(base, token, body):
    request = urllib.request.Request(base + "/v1/evaluations?include=treatmentEvidence", method="POST", data=json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request).read())


def shot(driver, directory, name, whole=True):
    """A screenshot of the whole page (up to 6000 pixels high), or of the window."""
    path = os.path.join(directory, name + ".png")
    if whole:
        height = driver.execute_script("return Math.max(document.body.scrollHeight, 1000)")
        driver.set_window_size(1400, min(height + 40, 6000))
    driver.save_screenshot(path)
    driver.set_window_size(1400, 1600)
    print(f"screenshot: {path}")


def link_step(driver, wait, step, directory, index):
    driver.get(step["url"])
    wait.until(lambda d: d.find_element(By.ID, "result").is_displayed() or d.find_element(By.ID, "capability-error").is_displayed())
    if not driver.find_element(By.ID, "result").is_displayed():
        fail(f"link: refused: {text_of(driver.find_element(By.ID, 'capability-error'))}")
        return
    if "#" in driver.current_url:
        fail("link: the capability stayed in the address bar")
    if driver.find_element(By.ID, "sign-in").is_displayed():
        fail("link: the page asked for a key")
    compare(driver, step["expected"], "card link")
    shot(driver, directory, f"{index:02d}-card-link")


def refused_step(driver, wait, step, directory, index):
    driver.get(step["url"])
    wait.until(lambda d: d.find_element(By.ID, "capability-error").is_displayed() or d.find_element(By.ID, "result").is_displayed())
    error = driver.find_element(By.ID, "capability-error")
    if driver.find_element(By.ID, "result").is_displayed() or not error.is_displayed():
        fail(f"refused ({step['type']}): the page showed a result")
        return
    if error.get_attribute("data-status") != str(step["status"]) or error.get_attribute("data-type") != step["type"]:
        fail(f"refused: status {error.get_attribute('data-status')} type {error.get_attribute('data-type')}, expected {step['status']} {step['type']}")
    if not text_of(error):
        fail("refused: no reason in words")
    shot(driver, directory, f"{index:02d}-refused-{step['status']}")


def form_step(driver, wait, step, directory, index):
    base = step["url"].rsplit("/workup", 1)[0]
    for number, scenario in enumerate(step["scenarios"]):
        driver.get(step["url"])
        driver.find_element(By.ID, "token").send_keys(step["token"])
        driver.find_element(By.ID, "sign-in-button").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-pointer="/findings/polyneuropathy"]'))
        # Every answer starts as not assessed.
        if Select(control(driver, "/findings/polyneuropathy")).first_selected_option.get_attribute("value") != "":
            fail("form: polyneuropathy does not start as not assessed")
        for section, value in scenario.items():
            fill(driver, "/" + section, value)
        expected_input = without_nulls(scenario)

        def shows_this_input(d):
            text = d.find_element(By.ID, "request-json").get_attribute("textContent")
            return bool(text) and json.loads(text) == expected_input and d.find_element(By.ID, "findings").get_attribute("data-state") == "evaluated"
        try:
            WebDriverWait(driver, 15).until(shows_this_input)
        except Exception:
            fail(f"scenario {number}: the page never evaluated the input entered "
                 f"({driver.find_element(By.ID, 'request-json').get_attribute('textContent')!r}, state "
                 f"{driver.find_element(By.ID, 'findings').get_attribute('data-state')!r}, status {text_of(driver.find_element(By.ID, 'form-status'))!r})")
            continue
        compare(driver, api_evaluation(base, step["token"], scenario), f"scenario {number}")
        if number == 0:
            shot(driver, directory, f"{index:02d}-form-scenario-0-window", whole=False)
            shot(driver, directory, f"{index:02d}-form-scenario-0")
    # The print view of the last scenario: the result alone.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    if driver.find_element(By.ID, "findings").is_displayed() or not driver.find_element(By.ID, "result").is_displayed():
        fail("print view: the form is printed or the result is not")
    if not driver.find_element(By.ID, "printed-at").is_displayed() or "Printed" not in text_of(driver.find_element(By.ID, "printed-at")):
        fail("print view: no printing date")
    shot(driver, directory, f"{index:02d}-print-view")
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    if len(pdf.get("data", "")) < 1000:
        fail("print view: no PDF")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # A value the API refuses (a unit mistake) is refused at its field, as the API refuses it.
    refused = step["refusedLab"]
    node = control(driver, refused["pointer"])
    node.clear()
    node.send_keys(str(refused["value"]))
    wait.until(lambda d: d.find_element(By.ID, "findings").get_attribute("data-state") == "invalid")
    message = text_of(driver.find_element(By.CSS_SELECTOR, f'[data-error-for="{refused["pointer"]}"]'))
    if "maximum" not in message:
        fail(f"form: {refused['pointer']} = {refused['value']} not refused at its field ({message!r})")
    shot(driver, directory, f"{index:02d}-form-refused-unit")


def main():
    plan = json.load(open(sys.argv[1]))
    directory = plan["screenshots"]
    os.makedirs(directory, exist_ok=True)
    driver = chromium("1400,1600")
    try:
        wait = WebDriverWait(driver, 15)
        for index, step in enumerate(plan["steps"]):
            {"link": link_step, "refused": refused_step, "form": form_step}[step["kind"]](driver, wait, step, directory, index)
        # The strict CSP must not have blocked anything the page needs (the refusals' 4xx aside).
        for entry in driver.get_log("browser"):
            message = entry.get("message", "")
            if entry.get("level") == "SEVERE" and not any(code in message for code in [" 400 ", " 410 ", "(Bad Request)", "(Gone)"]):
                fail(f"browser console: {message}")
    finally:
        driver.quit()
    return report(failures)


if __name__ == "__main__":
    sys.exit(main())
