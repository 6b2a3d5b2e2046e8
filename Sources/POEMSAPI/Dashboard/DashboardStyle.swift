/// The style sheet of the dashboard (`/dashboard/app.css`).
enum DashboardStyle {
    static let css = #"""
:root { font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
header h1 { margin: 0; font-size: 1.5rem; }
.disclaimer, .hint { color: #56607a; font-size: 0.875rem; }
section { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 0.75rem 1rem; margin: 1rem 0; }
h2 { font-size: 1.1rem; margin: 0.25rem 0 0.75rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #eceff3; vertical-align: top; }
#cases tbody tr { cursor: pointer; }
#cases tbody tr:hover, #cases tbody tr.selected { background: #eef3ff; }
.verdict-meets { color: #9b1c1c; font-weight: 600; }
.verdict-indeterminate { color: #8a5a00; font-weight: 600; }
.verdict-does-not-meet { color: #285e2e; }
.badge { display: inline-block; border-radius: 3px; padding: 0 0.3rem; margin: 0 0.2rem 0.2rem 0; font-size: 0.8rem; border: 1px solid; }
.severity-critical { background: #fde8e8; border-color: #c81e1e; color: #771d1d; }
.severity-warning { background: #fdf6b2; border-color: #c27803; color: #723b13; }
.severity-info { background: #e1effe; border-color: #3f83f8; color: #1e429f; }
.bar-row { display: grid; grid-template-columns: 14rem 1fr 13rem; gap: 0.1rem 0.75rem; align-items: center; margin-bottom: 0.5rem; }
.bar-row meter { width: 100%; height: 0.9rem; }
.bar-row .label { grid-row: span 2; }
.checklist { display: inline-block; vertical-align: top; min-width: 20rem; margin: 0 1rem 1rem 0; }
.checklist ul { list-style: none; padding: 0; margin: 0.25rem 0; }
.status-met::before { content: "✓ "; color: #285e2e; }
.status-not-met::before { content: "✗ "; color: #9b1c1c; }
.status-unknown::before { content: "? "; color: #8a5a00; }
#sign-in { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 1rem; max-width: 28rem; margin-top: 1rem; }
#sign-in input { width: 100%; box-sizing: border-box; margin: 0.25rem 0 0.5rem; padding: 0.4rem; }
#sign-in-error { color: #9b1c1c; }
"""#
}
