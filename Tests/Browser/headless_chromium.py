"""Debian's chromium and chromium-driver, headless, through Selenium: what
the browser tests (dashboard_test.py, workup_test.py) share."""
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def chromium(window_size):
    """A headless Chromium session of `window_size` ("1400,2200") that keeps the browser console."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={window_size}"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def report(failures):
    """Prints each failure; the exit status: 1 when any, 0 otherwise."""
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0
