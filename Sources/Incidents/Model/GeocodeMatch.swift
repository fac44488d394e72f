import Foundation

/// How a row without coordinates was placed: the name it was placed by (its `location` or an admin field), the
/// gazetteer place that name matched, and the match's score. The map's places layer lists each (query, place) once.
public struct GeocodeMatch: Sendable, Equatable {
    /// The name as the row gave it.
    public var query: String
    /// The gazetteer id (a GeoNames id or a p-code).
    public var placeID: String
    /// The place's name.
    public var name: String
    /// 0…1, to three decimals.
    public var score: Double

    public init(query: String, placeID: String, name: String, score: Double) {
        self.query = query
        self.placeID = placeID
        self.name = name
        self.score = score
    }
}
