import Foundation

/// A FHIR R4 Bundle the size of a patient's `$everything` or a Synthea
/// export: one Patient, a POEMS work-up, and visit after visit of what such
/// exports also hold and poemsd does not read (Encounters, vital signs,
/// unrelated Conditions and Procedures, Claims, ExplanationOfBenefits,
/// DiagnosticReports with a base64 note). Built from string templates, once
/// per test run (``tenMegabytes``); `bench/fhir-everything.py` writes the
/// same shape for the benchmark.
enum SyntheaBundle {
    static let patient = "urn:uuid:6f1c8a52-4a8e-4c33-9d4a-000000000001"
    /// Serial results of each of hemoglobin and platelets, the latest last.
    static let serialResults = 40
    /// The resources of the work-up poemsd reads: the Patient, the serial
    /// labs, calcium, creatinine, VEGF, an immunofixation, three Conditions.
    static let relevantResources = 1 + 2 * serialResults + 4 + 3
    /// What each visit adds, none of it read.
    static let resourcesPerVisit: [(type: String, count: Int)] = [
        ("Encounter", 1), ("Observation", 5), ("Condition", 1), ("Procedure", 1), ("Claim", 1), ("ExplanationOfBenefit", 1), ("DiagnosticReport", 1),
    ]
    /// The visit whose note is longer than the JSON string limit (10,000
    /// bytes): an element poemsd does not read, which must not refuse the Bundle.
    static let longNoteVisit = 7

    /// About 10 MB (10,000,000 bytes or a little more).
    static let tenMegabytes = build(bytes: 10_000_000)

    /// The work-up and as many visits as make `target` bytes.
    static func build(bytes target: Int) -> (bytes: [UInt8], visits: Int) {
        build(capacity: target) { bytes, _ in bytes < target }
    }

    /// The work-up and `visits` visits.
    static func build(visits: Int) -> (bytes: [UInt8], visits: Int) {
        build(capacity: 0) { _, visit in visit < visits }
    }

    /// The work-up, then visits while `more(bytes so far, visits so far)`.
    private static func build(capacity: Int, more: (Int, Int) -> Bool) -> (bytes: [UInt8], visits: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(capacity + (64 << 10))
        out += Array(#"{"resourceType":"Bundle","type":"transaction","entry":["#.utf8)
        var entries = 0
        func add(_ type: String, _ resource: String) {
            if entries > 0 { out.append(UInt8(ascii: ",")) }
            let fullUrl = entries == 0 ? patient : uuid(20_000_000 + entries)
            out += Array(#"{"fullUrl":"\#(fullUrl)","resource":"#.utf8)
            out += Array(resource.utf8)
            out += Array(#","request":{"method":"POST","url":"\#(type)"}}"#.utf8)
            entries += 1
        }
        add("Patient", #"{"resourceType":"Patient","id":"pt-everything","gender":"male","birthDate":"1968-04-02","name":[{"family":"Example","given":["Synthetic"]}]}"#)
        for index in 0..<serialResults {
            let date = "\(2000 + index / 2)-\(index % 2 == 0 ? "01" : "07")-10T09:00:00Z"
            add("Observation", lab("lab-\(1000 + index)", "718-7", "\(14.5 - Double(index) * 0.01)", "g/dL", date))
            add("Observation", lab("lab-\(2000 + index)", "777-3", "\(420 + index)", "10*3/uL", date))
        }
        let workUp = "2019-07-10T09:00:00Z"
        add("Observation", lab("lab-3000", "17861-6", "9.4", "mg/dL", workUp))
        add("Observation", lab("lab-3001", "2160-0", "0.9", "mg/dL", workUp))
        add("Observation", lab("lab-3002", "75628-8", "850", "pg/mL", workUp,
                               extra: ##","contained":[{"resourceType":"Specimen","id":"specimen","type":{"coding":[{"system":"http://snomed.info/sct","code":"119361006"}]}}],"specimen":{"reference":"#specimen"}"##))
        add("Observation", #"{"resourceType":"Observation","id":"ifx","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"25700-6"}]},"subject":{"reference":"\#(patient)"},"effectiveDateTime":"\#(workUp)","valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA9633-4"}]}}"#)
        for (code, name) in [("42345000", "pn"), ("49347007", "sclerotic"), ("16294009", "spleen")] {
            add("Condition", #"{"resourceType":"Condition","id":"c-\#(name)","code":{"coding":[{"system":"http://snomed.info/sct","code":"\#(code)"}]},"subject":{"reference":"\#(patient)"},"recordedDate":"2019-07-01","verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]}}"#)
        }
        var visit = 0
        while more(out.count, visit) {
            for (type, resource) in self.visit(visit) { add(type, resource) }
            visit += 1
        }
        out += Array("]}".utf8)
        return (out, visit)
    }

    private static func uuid(_ number: Int) -> String {
        "urn:uuid:00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - String(number).count) + String(number)
    }

    private static func lab(_ id: String, _ code: String, _ value: String, _ unit: String, _ date: String, extra: String = "") -> String {
        #"{"resourceType":"Observation","id":"\#(id)","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"\#(code)"}]},"subject":{"reference":"\#(patient)"},"effectiveDateTime":"\#(date)","valueQuantity":{"value":\#(value),"unit":"\#(unit)","system":"http://unitsofmeasure.org","code":"\#(unit)"}\#(extra)}"#
    }

    private static let note = Data(String(repeating: "Patient seen for routine care; no new complaint. ", count: 31).utf8).base64EncodedString()
    private static let longNote = Data(String(repeating: "Patient seen for routine care; no new complaint. ", count: 184).utf8).base64EncodedString()

    /// One visit's resources, none of which poemsd reads.
    private static func visit(_ number: Int) -> [(String, String)] {
        let date = "\(1990 + number % 30)-\(1 + number % 9 < 10 ? "0" : "")\(1 + number % 9)-1\(number % 9)T10:00:00Z"
        let encounter = uuid(number * 10)
        let reference = #"{"reference":"\#(encounter)"}"#
        let coding = { (system: String, code: String, display: String) in
            #"{"coding":[{"system":"\#(system)","code":"\#(code)","display":"\#(display)"}],"text":"\#(display)"}"#
        }
        var resources: [(String, String)] = [
            ("Encounter", #"{"resourceType":"Encounter","id":"enc-\#(number)","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"type":[\#(coding("http://snomed.info/sct", "185349003", "Encounter for check up (procedure)"))],"subject":{"reference":"\#(patient)"},"participant":[{"individual":{"reference":"urn:uuid:0000000a-0000-4000-8000-000000000001","display":"Dr. Example"}}],"period":{"start":"\#(date)","end":"\#(date)"},"serviceProvider":{"reference":"urn:uuid:0000000b-0000-4000-8000-000000000001"}}"#),
        ]
        for (offset, (code, value, unit)) in [("8302-2", "178.0", "cm"), ("29463-7", "81.5", "kg"), ("8867-4", "72", "/min"), ("8480-6", "124", "mm[Hg]"), ("2339-0", "96", "mg/dL")].enumerated() {
            resources.append(("Observation", lab("obs-\(number)-\(offset)", code, value, unit, date, extra: #","encounter":\#(reference)"#)))
        }
        resources.append(("Condition", #"{"resourceType":"Condition","id":"cond-\#(number)","clinicalStatus":\#(coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", "Resolved")),"code":\#(coding("http://snomed.info/sct", "444814009", "Viral sinusitis (disorder)")),"subject":{"reference":"\#(patient)"},"encounter":\#(reference),"onsetDateTime":"\#(date)","recordedDate":"\#(date)"}"#))
        resources.append(("Procedure", #"{"resourceType":"Procedure","id":"proc-\#(number)","status":"completed","code":\#(coding("http://snomed.info/sct", "430193006", "Medication Reconciliation (procedure)")),"subject":{"reference":"\#(patient)"},"encounter":\#(reference),"performedPeriod":{"start":"\#(date)","end":"\#(date)"}}"#))
        let item = { (sequence: Int) in
            #"{"sequence":\#(sequence),"productOrService":\#(coding("http://snomed.info/sct", "185349003", "Encounter for check up")),"encounter":[\#(reference)],"adjudication":[{"category":\#(coding("https://bluebutton.cms.gov/resources/codesystem/adjudication", "https://bluebutton.cms.gov/resources/variables/line_coinsrnc_amt", "Line Beneficiary Coinsurance Amount")),"amount":{"value":\#(12.5 + Double(sequence)),"currency":"USD"}}]}"#
        }
        let items = (1...4).map(item).joined(separator: ",")
        resources.append(("Claim", #"{"resourceType":"Claim","id":"claim-\#(number)","status":"active","use":"claim","type":\#(coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional")),"patient":{"reference":"\#(patient)"},"created":"\#(date)","provider":{"reference":"urn:uuid:0000000b-0000-4000-8000-000000000001"},"priority":\#(coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", "Normal")),"item":[\#(items)],"total":{"value":129.16,"currency":"USD"}}"#))
        resources.append(("ExplanationOfBenefit", #"{"resourceType":"ExplanationOfBenefit","id":"eob-\#(number)","status":"active","type":\#(coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional")),"use":"claim","patient":{"reference":"\#(patient)"},"created":"\#(date)","outcome":"complete","item":[\#(items)],"total":[{"category":\#(coding("http://terminology.hl7.org/CodeSystem/adjudication", "submitted", "Submitted Amount")),"amount":{"value":129.16,"currency":"USD"}}]}"#))
        resources.append(("DiagnosticReport", #"{"resourceType":"DiagnosticReport","id":"note-\#(number)","status":"final","code":\#(coding("http://loinc.org", "34117-2", "History and physical note")),"subject":{"reference":"\#(patient)"},"encounter":\#(reference),"effectiveDateTime":"\#(date)","presentedForm":[{"contentType":"text/plain; charset=utf-8","data":"\#(number == longNoteVisit ? longNote : note)"}]}"#))
        return resources
    }
}
