import ArgumentParser

/// Why a case is purged (`poemsd cases purge --reason`). The reason goes
/// into the audit trail, which is never purged and holds no patient data:
/// so it is a code from this list, never free text, which could name the
/// patient or quote the record. Details belong in the operator's own
/// ticket, outside poemsd.
enum PurgeReason: String, CaseIterable, ExpressibleByArgument {
    /// The patient (or a representative) asked for the record to be erased.
    case erasureRequest = "erasure-request"
    /// The case holds another patient's data, or was filed under the wrong one.
    case wrongPatient = "wrong-patient"
    /// The case should never have been stored (test data, a duplicate).
    case enteredInError = "entered-in-error"
    /// The period for which the record had to be kept has ended.
    case retentionExpired = "retention-expired"
    /// A court, regulator or data-protection authority ordered it.
    case legalOrder = "legal-order"
}
