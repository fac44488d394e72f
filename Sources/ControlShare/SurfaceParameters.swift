/// The parameters of the incident-surface model (see docs/control-share.md).
/// Every one is a `summary` flag and is echoed in the output.
public struct SurfaceParameters: Sendable, Equatable {
    /// Side of the square cells, km (laid out in an equal-area projection).
    public var cellKm: Double = 1
    /// Gaussian kernel bandwidth (standard deviation), km; cut at 3 bandwidths.
    public var bandwidthKm: Double = 2
    /// Influence halves every this many days before the as-of date.
    public var halfLifeDays: Double = 90
    /// A class controls a cell when its share of the cell's influence is at least θ.
    public var theta: Double = 0.6
    /// Cells with less total influence are "no information".
    public var minInfluence: Double = 0.5
    /// Bootstrap replicates for the 90% interval (0: none).
    public var bootstrap: Int = 200
    public var seed: UInt64 = 1

    public init() {}

    /// Weight of an event for the class of its actor1 (and, for armed
    /// clashes, half of it for actor2's class), by ACLED sub-event type.
    public static let weights: [String: Double] = [
        "Non-state actor overtakes territory": 3, "Government regains territory": 3, "Headquarters or base established": 2,
        "Non-violent transfer of territory": 2, "Armed clash": 1, "Attack": 1, "Abduction/forced disappearance": 0.8,
        "Looting/property destruction": 0.8, "Sexual violence": 0.5, "Arrests": 0.5, "Shelling/artillery/missile attack": 1,
        "Remote explosive/landmine/IED": 0.8, "Grenade": 0.8, "Air/drone strike": 1,
        "Peaceful protest": 0, "Protest with intervention": 0, "Excessive force against protesters": 0,
        "Violent demonstration": 0, "Mob violence": 0.3, "Agreement": 0, "Change to group/activity": 0, "Other": 0.3,
        "Disrupted weapons use": 0.3,
    ]
    /// Weight when the sub-event type is missing or unknown.
    public static let defaultWeight = 0.5

    public var description: String {
        "cell \(cellKm) km, bandwidth \(bandwidthKm) km, half-life \(halfLifeDays) d, θ \(theta), min influence \(minInfluence), bootstrap \(bootstrap) (seed \(seed))"
    }
}
