import POEMSStorage


extension Migration {
    /// The migrations compiled into this binary from the package's
    /// `Migrations/*.sql` (by the EmbedMigrations build plugin), so that the
    /// schema travels with the executable: the build tree, an installed
    /// prefix, the container and a copied binary all find it, wherever the
    /// working directory is.
    public static var bundled: [Migration] {
        // The plugin already sorted and the build checked the files; a bad
        // name or gap is caught here at start as for a directory.
        get throws(POEMSStorage.DatabaseError) { try checked(EmbeddedMigrations.files) }
    }

    /// The migrations to run: those of `directory` when one is given (a
    /// development override), otherwise the bundled ones.
    public static func resolve(directory: String?) throws(POEMSStorage.DatabaseError) -> [Migration] {
        if let directory { return try load(from: directory) }
        return try bundled
    }
}
