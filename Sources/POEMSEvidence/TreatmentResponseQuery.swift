import Foundation

/// Sort direction for evidence rows. Missing values sort last in both directions.
public enum EvidenceSortOrder: String, Sendable, Codable, CaseIterable {
    case ascending, descending
}

/// The keys Table 3 rows can be sorted by: the treatment name or a numeric column.
public enum TreatmentResponseSortKey: String, Sendable, Codable, CaseIterable {
    case treatment, patients, improved, stable, progression, unknown
}

/// Pure helpers for the API layer over Table 3 rows (sorting and filtering).
public enum TreatmentResponseQuery {
    /// Rows sorted by `key`. Missing values come last in both directions; ties keep
    /// the printed table order. `treatment` sorts by name, case-insensitively.
    public static func sorted(_ rows: [TreatmentResponseRow], by key: TreatmentResponseSortKey,
                              order: EvidenceSortOrder = .ascending) -> [TreatmentResponseRow] {
        let indexed = Array(rows.enumerated())
        return indexed.sorted { a, b in
            let c = compare(a.element, b.element, key: key, order: order)
            return c == .orderedSame ? a.offset < b.offset : c == .orderedAscending
        }.map(\.element)
    }

    private static func compare(_ a: TreatmentResponseRow, _ b: TreatmentResponseRow,
                                key: TreatmentResponseSortKey, order: EvidenceSortOrder) -> ComparisonResult {
        let flip: (ComparisonResult) -> ComparisonResult = { r in
            guard order == .descending else { return r }
            switch r {
            case .orderedAscending: return .orderedDescending
            case .orderedDescending: return .orderedAscending
            case .orderedSame: return .orderedSame
            }
        }
        guard let column = TreatmentResponseColumn(rawValue: key.rawValue) else {
            let x = a.treatment.lowercased(), y = b.treatment.lowercased()
            return flip(x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending)
        }
        switch (a[column].value, b[column].value) {
        case (nil, nil): return .orderedSame
        case (nil, _): return .orderedDescending   // nulls last, whatever the order
        case (_, nil): return .orderedAscending
        case let (x?, y?):
            return flip(x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending)
        }
    }

    /// Rows whose improved % is at least `minimumImproved` (rows with a missing
    /// improved cell are excluded when a minimum is given) and whose treatment name
    /// or slug contains `nameContains` (case-insensitive). `nil` criteria match all.
    public static func filtered(_ rows: [TreatmentResponseRow], minimumImproved: Int? = nil,
                                nameContains: String? = nil) -> [TreatmentResponseRow] {
        rows.filter { row in
            if let minimum = minimumImproved {
                guard let improved = row.cells.improved.value, improved >= minimum else { return false }
            }
            if let needle = nameContains?.trimmingCharacters(in: .whitespaces), !needle.isEmpty {
                guard row.treatment.range(of: needle, options: .caseInsensitive) != nil
                    || row.slug.range(of: needle, options: .caseInsensitive) != nil else { return false }
            }
            return true
        }
    }

    /// Rows whose printed improved % is exactly 0 (missing cells excluded).
    /// From seed 004 Table 3: cyclosporine or azathioprine, plasmapheresis, intravenous immunoglobulin.
    public static func noImprovement(_ rows: [TreatmentResponseRow]) -> [TreatmentResponseRow] {
        rows.filter { $0.cells.improved.value == 0 }
    }
}
