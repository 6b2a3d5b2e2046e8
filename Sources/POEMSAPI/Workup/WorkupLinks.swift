import Crypto
import Foundation
import HTTPServer
import POEMSCriteria
import POEMSFHIR
import POEMSStorage

/// Makes a CDS card's link to the work-up page and opens it again: the
/// link's fragment is a ``WorkupCapability`` of the card's evaluation
/// input, under the configured key or the database's, expiring after the
/// configured lifetime. Refusals are problem details for the page to show.
struct WorkupLinks: Sendable {
    let keys: CachedKey
    let lifetimeSeconds: Int
    let clock: @Sendable () -> Date
    /// The service's public URL, without a trailing slash.
    let publicURL: String

    init(configuration: WorkupConfiguration, store: any CDSStore, publicURL: String) {
        if let configured = configuration.capabilityKey {
            keys = CachedKey { configured }
        } else {
            keys = CachedKey { try store.workupCapabilityKey() }
        }
        lifetimeSeconds = configuration.capabilityLifetimeSeconds
        clock = configuration.clock
        self.publicURL = publicURL
    }

    /// The page's path.
    static let pagePath = "/workup"

    /// `PUBLIC_URL/workup#CAPABILITY` for the evaluation of `findings` under `headline`.
    func url(findings: FHIRFindings, headline: CriteriaSetID) async throws -> String {
        let capability = WorkupCapability(content: .init(headline: headline, input: findings.input, notes: findings.notes),
                                          expiresAt: Int64(clock().timeIntervalSince1970) + Int64(lifetimeSeconds))
        return publicURL + Self.pagePath + "#" + (try capability.sealed(key: try await keys.key()))
    }

    /// The link's label on a card, with its lifetime.
    var label: String {
        let minutes = lifetimeSeconds / 60
        let lifetime = lifetimeSeconds % 60 == 0 ? "\(minutes) minute\(minutes == 1 ? "" : "s")" : "\(lifetimeSeconds) seconds"
        return "The whole evaluation and work-up (the link opens for \(lifetime))"
    }

    /// The capability `text`, opened now; refused with a problem whose
    /// detail says why, in words for the clinician, never with the text.
    func open(_ text: String) async throws -> WorkupCapability {
        let key = try await keys.key()
        do {
            return try WorkupCapability.open(text, key: key, now: Int64(clock().timeIntervalSince1970))
        } catch {
            let again = "Open the card in the EHR again for a new link."
            switch error {
            case .malformed:
                throw Self.invalid("This link's capability is incomplete or not one this service makes. " + again)
            case .unreadable:
                throw Self.invalid("This link was made by a version of this service whose content this one does not read. " + again)
            case .unknownKey:
                throw Self.invalid("This link was made under a key this service no longer holds (it was rotated), or by another service. " + again)
            case .tampered:
                throw Self.invalid("This link was changed: its capability does not verify. " + again)
            case .expired(let expiresAt):
                let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(expiresAt)))
                throw ProblemDetails(type: ProblemDetails.typeURI("capability-expired"), title: "Capability Expired", status: 410,
                                     detail: "This link expired at \(time). " + again, pointer: "/capability")
            }
        }
    }

    private static func invalid(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("invalid-capability"), title: "Invalid Capability", status: 400, detail: detail, pointer: "/capability")
    }
}
