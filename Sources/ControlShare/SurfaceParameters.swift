/// The parameters of the incident-surface model (see docs/control-share.md).
/// Every one up to ``seed`` is a `summary` flag and is echoed in the output; the rules after it are fixed by the
/// model (no flag), named here so the code that applies them says what they are.
public struct SurfaceParameters: Sendable, Equatable {
    /// Side of the square cells, km (laid out in an equal-area projection).
    public var cellKm: Double = 1
    /// Gaussian kernel bandwidth (standard deviation), km; cut at 3 bandwidths. Cells with too little
    /// evidence at this bandwidth are read at twice it.
    public var bandwidthKm: Double = 1
    /// Influence halves every this many days before the as-of date.
    public var halfLifeDays: Double = 90
    /// A side needs at least this share θ of a cell's evidence (0.5–1).
    public var theta: Double = 0.6
    /// κ: gang ground needs gang evidence at least κ times that of the gang-majority cells around it.
    public var densityRatio: Double = 0.7
    /// Cells with less total evidence are "no information"; combat needs as much to count.
    public var minInfluence: Double = 0.5
    /// A zone's events known only to lie in it (precision 2, weighted, decayed) decide its cells that no located
    /// evidence reaches once they add up to this much (0: never).
    public var zoneMinEvidence: Double = 2
    /// The recent window, days before the as-of date: a cell its events alone show held by a class takes that class
    /// (a change of hands shows within a month or two; 0: off).
    public var recentDays: Double = 60
    /// How far the recent share of a class's evidence must stand above its share before the window (two-proportion
    /// z) for a cell to change hands.
    public var changeZ: Double = 1.5
    /// …or the recent evidence is decisive: at least this much of it (weighted events)…
    public var changeMinEvidence: Double = 2
    /// …with at least this share for the new holder.
    public var changeShare: Double = 0.8
    /// Bootstrap replicates for the 90% interval (0: none).
    public var bootstrap: Int = 200
    public var seed: UInt64 = 1

    /// A cell is gang ground also when gang evidence is at least this share of its evidence…
    public var strongMajority: Double = 0.9
    /// …and at least this fraction of κ times the gang density of the gang-majority cells around it (a clear
    /// majority in a thinly reported place).
    public var strongMajorityDensity: Double = 0.35
    /// The side of the blocks the neighbourhood's gang density is averaged over (read over ±2 blocks), km.
    public var neighbourhoodBlockKm: Double = 5

    public init() {}

    public var description: String {
        "evidence model \(EvidenceModel.version); cell \(cellKm) km, bandwidth \(bandwidthKm) km, half-life \(halfLifeDays) d, θ \(theta), κ \(densityRatio), min evidence \(minInfluence), zone evidence \(zoneMinEvidence), recent window \(recentDays) d (z \(changeZ), or \(changeShare) of \(changeMinEvidence)), bootstrap \(bootstrap) (seed \(seed))"
    }
}
