/// The type of a value that middleware or a route attaches to a request
/// (who is calling, the role a route needs): the transport carries such
/// values without knowing what they are.
/// ```swift
/// enum Caller: ContextKey { typealias Value = String }
/// context.values[Caller.self] = "ehr"
/// ```
public protocol ContextKey {
    associatedtype Value: Sendable
}

/// Values by their `ContextKey` type.
public struct ContextValues: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Key: ContextKey>(_ key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }
}
