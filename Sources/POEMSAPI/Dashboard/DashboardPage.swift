/// The HTML of `GET /dashboard`: structure only; the script fills it from
/// the public API, the style sheet lays it out. No inline script or style
/// (the Content-Security-Policy allows neither).
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>poemsd dashboard</title>
<link rel="stylesheet" href="/dashboard/app.css">
<link rel="icon" href="data:,">
<script src="/dashboard/app.js" defer></script>
</head>
<body>
<header>
  <h1>poemsd</h1>
  <p class="disclaimer">Informs a clinician; it does not diagnose or prescribe. Stored cases are whoever this service was asked about, not a series.</p>
</header>
<main>
  <form id="sign-in" autocomplete="off">
    <label for="token">API key (reader)</label>
    <input id="token" type="password" spellcheck="false" required>
    <button id="sign-in-button" type="submit">Sign in</button>
    <p class="hint">The key stays in this page's memory only: reloading signs out.</p>
    <p id="sign-in-error" role="alert"></p>
  </form>
  <div id="signed-in" hidden>
    <p class="status"><span id="status">Loading…</span> <button id="sign-out" type="button">Sign out</button></p>
    <section aria-labelledby="verdicts-title">
      <h2 id="verdicts-title">Cases by verdict</h2>
      <p><strong id="total-cases">–</strong> stored cases</p>
      <table id="verdicts"><thead><tr><th scope="col">Criteria set</th><th scope="col">Meets</th><th scope="col">Indeterminate</th><th scope="col">Does not meet</th></tr></thead><tbody></tbody></table>
    </section>
    <section aria-labelledby="criteria-title">
      <h2 id="criteria-title">Criteria met among assessed cases, beside Table 2</h2>
      <p class="hint">Dispenzieri 2003 criteria. Upper bar: stored cases where the criterion was assessed (n shown); lower bar: the Dispenzieri 2003 series, seed 004 Table 2 (n = 99).</p>
      <div id="chart"></div>
    </section>
    <section aria-labelledby="cases-title">
      <h2 id="cases-title">Cases</h2>
      <table id="cases"><thead><tr><th scope="col">Case</th><th scope="col">Headline verdict</th><th scope="col">Warnings</th><th scope="col">Differential</th><th scope="col">Undetermined</th><th scope="col">First work-up step</th><th scope="col">Updated</th></tr></thead><tbody></tbody></table>
    </section>
    <section id="case" aria-labelledby="case-title" hidden>
      <h2 id="case-title">Case</h2>
      <p id="case-summary"></p>
      <div id="checklists"></div>
      <h3>Warnings</h3><ul id="case-warnings"></ul>
      <h3>Differential</h3><ul id="case-differential"></ul>
      <h3>Suggested work-up</h3><ol id="case-workup"></ol>
    </section>
  </div>
</main>
</body>
</html>
"""#
}
