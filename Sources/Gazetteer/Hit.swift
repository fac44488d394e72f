/// A place found by one matching stage, while a query is ranked: a place
/// index and the name that matched, not a copy of the ``Place``. Only the
/// hits that end up in the answer become ``Candidate``s (with their zones).
struct Hit {
    /// Index into ``Gazetteer/places``.
    let place: Int
    /// The name (or alternate name) that matched.
    let name: String
    let method: MatchMethod
    let quality: Double
    var rank: Double
}
