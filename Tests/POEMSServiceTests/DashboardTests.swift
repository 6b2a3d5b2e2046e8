import Foundation
import POEMSStorage
import Testing

/// `GET /dashboard`: the page's headers, and the page in a real browser.
@Suite struct DashboardTests {
    @Test func thePageIsSelfContainedUnderAStrictContentSecurityPolicy() throws {
        try withService { service in
            let page = try fetch(service.port, "GET", "/dashboard", headers: [("Authorization", "")])
            #expect(page.status == 200, "the page carries no data: it needs no key")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            let csp = try #require(page.header("Content-Security-Policy"))
            for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"] {
                #expect(csp.contains(directive), "\(directive)")
            }
            #expect(!csp.contains("unsafe-inline") && !csp.contains("http"))
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            let html = page.text
            #expect(!html.contains("http://") && !html.contains("https://"), "no external assets")
            #expect(!html.contains("<script>") && !html.contains("style="), "no inline script or style")
            #expect(page.body == (try DashboardBrowser.resource("dashboard.html")), "the resource file's bytes, as they are")
            for (asset, file) in [("/dashboard/app.js", "dashboard.js"), ("/dashboard/app.css", "dashboard.css")] {
                let response = try fetch(service.port, "GET", asset, headers: [("Authorization", "")])
                #expect(response.body == (try DashboardBrowser.resource(file)), "\(asset) is \(file)")
                #expect(response.status == 200 && response.header("Content-Security-Policy") == csp, "\(asset)")
                #expect(!response.text.contains("http://") && !response.text.contains("https://"), "\(asset) loads nothing from elsewhere")
            }
            #expect(!DashboardBrowser.script.isEmpty)
        }
    }

    @Test(.enabled(if: DashboardBrowser.unavailable == nil, Comment(rawValue: DashboardBrowser.unavailable ?? "")))
    func signedInThePageShowsTheCasesByVerdictAndOneCasesChecklists() throws {
        try withService { service in
            let port = service.port
            let meets = #"{"patientRef": "MRN-1", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}, "labs": {"plateletCount10e9PerL": 520}}"#
            let fails = #"{"patientRef": "MRN-3", "findings": {"polyneuropathy": false}}"#
            var first: [String: Any] = [:]
            for (index, body) in [meets, meets.replacingOccurrences(of: "MRN-1", with: "MRN-2"), fails].enumerated() {
                let created = try CaseAPITests.create(port, body)
                #expect(created.status == 201)
                if index == 0 { first = try created.json() }
            }
            let evaluations = try #require((first["evaluation"] as? [String: Any])?["evaluations"] as? [[String: Any]])
            var verdicts: [String: String] = [:]
            for set in evaluations { verdicts[set["criteriaSet"] as? String ?? ""] = set["verdict"] as? String }
            let expectations: [String: Any] = [
                "cases": 3,
                "verdicts": ["imwg-2014": ["meets": 2, "indeterminate": 0, "does-not-meet": 1]],
                "case": ["id": try #require(first["id"] as? String), "verdicts": verdicts],
            ]
            // A reader key is enough: the page uses the public API only.
            let reader = try service.service.storage.keys.create(name: "dashboard", role: .reader).token
            let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-dashboard-\(UUID().uuidString).png").path
            let (status, output) = try DashboardBrowser.run(
                url: "http://127.0.0.1:\(port)/dashboard", token: reader,
                expectations: String(decoding: try JSONSerialization.data(withJSONObject: expectations), as: UTF8.self),
                screenshot: screenshot, writer: try #require(service.adminToken))
            print(output)
            #expect(status == 0, "\(output)")
            #expect(FileManager.default.fileExists(atPath: screenshot), "screenshot at \(screenshot)")
        }
    }
}

/// The dashboard at a glance, in headless Chromium: kiosk mode with a
/// viewer key, the critical warning's colour, warnings in words, Table 2
/// with each side's n and its minimum, and a case's detail at its top.
@Suite struct DashboardGlanceTests {
    static let missed = #"{"patientRef": "MRN-GLANCE-CRIT-8812", "note": "Ward Pemberton-4C, bed 12", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "papilledema": false}}"#

    /// Twenty cases where polyneuropathy and papilledema were assessed, two
    /// of them organomegaly too, the last with the critical warning
    /// m-protein-possibly-missed (does not meet): their ids and the strings
    /// that name them.
    static func store(_ port: Int) throws -> (ids: [String], forbidden: [String]) {
        var ids: [String] = [], forbidden: [String] = []
        for index in 1...19 {
            let organomegaly = index <= 2 ? #", "organomegaly": {"splenomegaly": true}"# : ""
            let mrn = "MRN-GLANCE-\(1000 + index)-ZX", note = "Dr Okonkwo-Haldane reviewed case \(index)"
            let body = #"{"patientRef": "\#(mrn)", "note": "\#(note)", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "papilledema": \#(index % 2 == 0)\#(organomegaly)}}"#
            let created = try CaseAPITests.create(port, body)
            #expect(created.status == 201)
            ids.append(try #require(try created.json()["id"] as? String))
            forbidden += [mrn, note]
        }
        let created = try CaseAPITests.create(port, missed)
        #expect(created.status == 201)
        ids.append(try #require(try created.json()["id"] as? String))
        return (ids, forbidden + ["MRN-GLANCE-CRIT-8812", "Ward Pemberton-4C, bed 12"] + ids)
    }

    static func run(_ mode: String, _ port: Int, _ expectations: [String: Any]) throws {
        let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-dashboard-\(mode)-\(UUID().uuidString).png").path
        let (status, output) = try DashboardBrowser.run(mode: mode, url: "http://127.0.0.1:\(port)/dashboard",
                                                        expectations: expectations, screenshot: screenshot)
        print(output)
        #expect(status == 0, "\(output)")
        #expect(output.contains("screenshot: "), "screenshots taken")
    }

    @Test(.enabled(if: DashboardBrowser.unavailable == nil, Comment(rawValue: DashboardBrowser.unavailable ?? "")))
    func kioskModeShowsNoPatientReference() throws {
        try withService { service in
            let stored = try Self.store(service.port)
            let keys = service.service.storage.keys
            try Self.run("kiosk", service.port, [
                "viewer": try keys.create(name: "wall", role: .viewer).token,
                "reader": try keys.create(name: "desk", role: .reader).token,
                "writer": try #require(service.adminToken),
                "cases": stored.ids.count, "forbidden": stored.forbidden,
                // The page's counts are the API's.
                "verdicts": try #require(try fetch(service.port, "GET", "/v1/stats").json()["verdicts"]),
                "live": "MRN-LIVE-KIOSK-3391", "liveNote": "Telephoned Mrs Abernathy-Quist",
            ])
        }
    }

    @Test(.enabled(if: DashboardBrowser.unavailable == nil, Comment(rawValue: DashboardBrowser.unavailable ?? "")))
    func theDashboardReadsAtAGlance() throws {
        try withService { service in
            let stored = try Self.store(service.port)
            try Self.run("glance", service.port, [
                "reader": try service.service.storage.keys.create(name: "desk", role: .reader).token,
                "cases": stored.ids.count, "critical": try #require(stored.ids.last), "minimum": 20,
                "drawn": ["polyneuropathy", "papilledema"], "notDrawn": ["organomegaly"],
                "assessed": ["polyneuropathy": 20, "papilledema": 20, "organomegaly": 2],
            ])
        }
    }
}

/// Headless Chromium through Python Selenium (`Tests/Browser/dashboard_test.py`).
enum DashboardBrowser {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Browser/dashboard_test.py").path

    /// The bytes of a file of `Sources/POEMSAPI/Resources/dashboard/`.
    static func resource(_ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("Sources/POEMSAPI/Resources/dashboard/\(name)")))
    }

    /// Why the browser test cannot run here, or `nil` when it can.
    static let unavailable: String? = {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "SKIPPED: \(tool) is not installed (apt-get install chromium chromium-driver; scripts/test.sh installs them)"
        }
        guard (try? python(["-c", "import selenium"]).0) == 0 else {
            return "SKIPPED: Python Selenium is not importable by python3 on PATH (scripts/test.sh installs it in its venv)"
        }
        return nil
    }()

    /// With `writer`, the script also stores a case and checks that the open page shows it.
    static func run(url: String, token: String, expectations: String, screenshot: String, writer: String) throws -> (Int32, String) {
        try python([script, url, token, expectations, screenshot, writer])
    }

    /// A mode of the script (`kiosk`, `glance`), its expectations as JSON.
    static func run(mode: String, url: String, expectations: [String: Any], screenshot: String) throws -> (Int32, String) {
        try python([script, mode, url, String(decoding: try JSONSerialization.data(withJSONObject: expectations), as: UTF8.self), screenshot])
    }

    static func python(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
