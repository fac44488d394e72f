/// A failure said in plain words for the user (exit 1): a path that cannot be written, a port already in use —
/// instead of a system error's domain, code and call.
struct PlainFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
