/// The documents the clinical text names by the project's own labels
/// ("seed 004", "REFERENCES.md"), with the names and descriptions a reader
/// outside the project can use (shared/seeds/README.md; REFERENCES.md).
///
/// ```swift
/// SourceDocuments.readable("Seed 004: anemia is not a feature (seed 004, Thrombocytosis).")
/// // "Dispenzieri, Mayo Clinic review: anemia is not a feature (Dispenzieri, Mayo Clinic review, Thrombocytosis)."
/// SourceDocuments.cited(in: text)   // the documents named, for a legend
/// ```
///
/// The API keeps the labels (they are the citations of the rules); what a
/// clinician reads outside the API (a CDS card, the public criteria page)
/// goes through ``readable(_:)`` and carries the legend.
public enum SourceDocuments {
    /// One document.
    public struct Document: Sendable, Equatable {
        /// The label the clinical text uses, e.g. `"seed 004"`.
        public let label: String
        /// What a reader is shown instead.
        public let name: String
        /// What the document is, with its bibliographic data where known.
        public let description: String
        /// Publications the document lists (the published references only).
        public let publications: [String]
    }

    /// Every document, the primary source first.
    public static let all: [Document] = [
        // shared/seeds/README.md: 004 is the primary source; its Table 1 quotes the 2003 paper.
        Document(label: "seed 004", name: "Dispenzieri, Mayo Clinic review",
                 description: "A clinical review of POEMS syndrome by the Mayo Clinic group (Dispenzieri), with Tables 1–4 (Table 1: the 2003 criteria of Dispenzieri A, et al. POEMS syndrome: definitions and long-term outcome. Blood. 2003;101:2496–2506).",
                 publications: []),
        Document(label: "seed 003", name: "hospital consult article",
                 description: "A hospital consult article on recognising POEMS syndrome: work-up, VEGF, transplant and lenalidomide–dexamethasone figures.",
                 publications: []),
        Document(label: "seed 000", name: "patient information page",
                 description: "A patient-facing page on POEMS syndrome: symptoms, diagnostic tests, the CIDP warning.", publications: []),
        Document(label: "seed 001", name: "2006 patient Q&A",
                 description: "A 2006 question-and-answer page for patients: the treatment list of its day.", publications: []),
        Document(label: "seed 002", name: "web review",
                 description: "A long web review of POEMS syndrome: differential diagnoses, newer agents.", publications: []),
        // REFERENCES.md: the published sources it records that the rules cite.
        Document(label: "REFERENCES.md", name: "published references",
                 description: "Published sources the poemsd project checked for what the documents above do not cover.",
                 publications: [
                     "Rajkumar SV, et al. Lancet Oncol. 2014;15:e538–e548 (IMWG 2014: the updated POEMS criteria and the definition of multiple myeloma).",
                     "Dispenzieri A. POEMS syndrome: update on diagnosis, risk-stratification, and management. Am J Hematol (2019 and 2023 editions), doi:10.1002/ajh.27081.",
                     "Dispenzieri A. How I treat POEMS syndrome. Blood. 2012 (Table 1 and its footnote: plasma VEGF).",
                     "Suichi T, Misawa S, Kuwabara S, et al. J Neurol Neurosurg Psychiatry. 2019;90:133–137.",
                     "Misawa et al. BMJ Open. 2015;5:e009157 (normal serum VEGF).",
                     "Chaudhry HM, Mauermann ML, Rajkumar SV. Monoclonal gammopathy-associated peripheral neuropathy: diagnosis and management. Mayo Clin Proc. 2017;92:838–850.",
                     "UK National Amyloidosis Centre, 471 patients, 2006–2019. Eur J Haematol. 2020 (PubMed 32495369): screening biopsies in AL amyloidosis.",
                 ]),
    ]

    /// `text` with every document label replaced by the document's name
    /// (capitalized where a lowercase label was capitalized, at the start of
    /// a sentence).
    public static func readable(_ text: String) -> String {
        var result = text
        for document in all {
            if capitalized(document.label) != document.label {
                result = result.replacing(capitalized(document.label), with: capitalized(document.name))
            }
            result = result.replacing(document.label, with: document.name)
        }
        return result
    }

    /// The documents whose label occurs in `text`, in the order of ``all``.
    public static func cited(in text: String) -> [Document] {
        all.filter { text.contains($0.label) || text.contains(capitalized($0.label)) }
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
