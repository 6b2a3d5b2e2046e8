/// The service's version, reported by `poemsd version`.
public enum ServiceVersion {
    public static let current = "0.1.0"
}
