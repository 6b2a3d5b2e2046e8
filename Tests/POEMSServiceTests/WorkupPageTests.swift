import Foundation
@testable import POEMSAPI
import POEMSStorage
import Testing

/// `GET /workup`: its headers, and the page in headless Chromium
/// (`Tests/Browser/workup_test.py`): the clinical scenarios entered in the
/// form show what the API answers; a CDS card's link opened with no key
/// shows the whole evaluation of the call's data; the same link expired, or
/// with one byte changed, is refused; the print view prints the result alone.
@Suite(.serialized) struct WorkupPageTests {
    typealias CDS = CDSHooksAPITests

    @Test func thePageIsStaticUnderAStrictContentSecurityPolicy() async throws {
        try await CDS().withEHR { _, service in
            let page = try await CDS.send(service.port, "GET", "/workup", headers: [("Authorization", "")])
            #expect(page.status == 200, "the page carries no data: it needs no key")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.header("Referrer-Policy") == "no-referrer")
            let csp = try #require(page.header("Content-Security-Policy"))
            for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "form-action 'none'"] {
                #expect(csp.contains(directive), "\(directive)")
            }
            #expect(!csp.contains("unsafe-inline") && !csp.contains("http"))
            let html = page.text
            #expect(!html.contains("http://") && !html.contains("https://"), "no external assets")
            #expect(!html.contains("<script>") && !html.contains("style="), "no inline script or style")
            for asset in ["/workup/workup.js", "/workup/workup.css"] {
                let response = try await CDS.send(service.port, "GET", asset, headers: [("Authorization", "")])
                #expect(response.status == 200 && response.header("Content-Security-Policy") == csp, "\(asset)")
                #expect(!response.text.contains("http://") && !response.text.contains("https://"), "\(asset) loads nothing from elsewhere")
            }
            #expect((try await CDS.send(service.port, "GET", "/workup/workup.css")).text.contains("@media print"))
        }
    }

    @Test(.enabled(if: DashboardBrowser.unavailable == nil, Comment(rawValue: DashboardBrowser.unavailable ?? "")))
    func inChromiumTheFormAndTheCardLinkShowTheAPIsEvaluation() async throws {
        try await CDS().withEHR(configure: WorkupCapabilityTests.shareTheKey) { ehr, service in
            let capability = try await WorkupCapabilityTests.cardCapability(ehr, service.port)
            let opened = try await WorkupCapabilityTests.open(service.port, capability)
            let expected = try #require(try opened.json()["evaluation"] as? [String: Any])
            let later = try WorkupCapabilityTests.instance(sharingWith: service, ehr) { $0.workup.clock = { Date().addingTimeInterval(901) } }
            let reader = try service.service.storage.keys.create(name: "workup-page", role: .reader).token
            let page = "http://127.0.0.1:\(service.port)/workup"
            let scenarios = try ClinicalScenarioTests.scenarios.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
            let length = try #require(WorkupCapability.bytes(base64url: capability)).count
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-workup-\(UUID().uuidString)")
            let plan: [String: Any] = [
                "screenshots": directory.path,
                "steps": [
                    ["kind": "link", "url": page + "#" + capability, "expected": expected],
                    ["kind": "refused", "url": "http://127.0.0.1:\(later.port)/workup#" + capability, "status": 410,
                     "type": "urn:poemsd:problem:capability-expired"],
                    ["kind": "refused", "url": page + "#" + (try WorkupCapabilityTests.changed(capability, at: length / 2)), "status": 400,
                     "type": "urn:poemsd:problem:invalid-capability"],
                    ["kind": "form", "url": page, "token": reader, "scenarios": scenarios,
                     "refusedLab": ["pointer": "/labs/hemoglobinGPerDl", "value": 135]],
                ],
            ]
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let planFile = directory.appendingPathComponent("plan.json")
            try JSONSerialization.data(withJSONObject: plan).write(to: planFile)
            let script = URL(fileURLWithPath: DashboardBrowser.script).deletingLastPathComponent().appendingPathComponent("workup_test.py").path
            let (status, output) = try await onOwnThread { try DashboardBrowser.python([script, planFile.path]) }
            try await onOwnThread { later.stop() }
            print(output)
            #expect(status == 0, "\(output)")
            #expect(output.contains("screenshot:"), "screenshots in \(directory.path)")
        }
    }
}
