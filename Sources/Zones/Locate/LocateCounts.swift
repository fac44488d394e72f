/// What a locate run did with its rows: every row read is in exactly one of
/// assigned (inside a zone), snapped, outside or rejected.
public struct LocateCounts: Sendable, Equatable, CustomStringConvertible {
    public var read = 0
    public var assigned = 0
    public var snapped = 0
    public var outside = 0
    public var rejected = 0

    public init() {}

    public var description: String {
        "read \(read), assigned \(assigned), snapped \(snapped), outside \(outside), rejected \(rejected)"
    }
}
