/// The version of poemsd, the one place it is written: reported by
/// `poemsd --version` and `poemsd version`, `/healthz`, the OpenAPI
/// document's `info.version` and the `Server` header.
///
/// Not the criteria engine's version (`CriteriaEngineVersion`), which
/// changes only when a clinical rule does and is stored with each
/// evaluation.
public enum ServiceVersion {
    public static let current = "1.1.0"
}
