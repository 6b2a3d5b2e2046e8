/// The reminder carried in every evidence payload.
///
/// Seed 004, section "Treatment", verbatim: there are no randomized controlled
/// trials in POEMS and the figures in Table 3 are retrospective.
public enum RetrospectiveReminder {
    /// Seed 004, Treatment: "There are no randomized controlled trials in patients with POEMS. …"
    public static let text =
        "There are no randomized controlled trials in patients with POEMS. Information about benefits of therapy is most typically derived retrospectively (Table 3)."
    /// Where `text` is printed.
    public static let source = SourceReference(seed: "004", section: "Treatment")
}
