/// The client generated from Sources/POEMSAPI/openapi.json by
/// swift-openapi-generator: `Client` and `Components` (Client.swift and
/// Types.swift, written here by scripts/generated-clients.sh before the build).
public enum POEMSClientModule {}
