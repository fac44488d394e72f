/// Zone evidence: who holds the cells of a zone that no located evidence reaches.
///
/// The ground evidence of a zone that informs no cell of its own — events known only to lie in the zone (ACLED's
/// "Mirebalais" on the commune's town), events located too thinly to inform their cell (attacks scattered over its
/// villages) — still says who holds the zone once it weighs ``SurfaceParameters/zoneMinEvidence``: the class with
/// θ of it, else contested. A brigade holding its own village informs that village's cell and speaks for it alone.
///
/// A change of hands shows when it happens. The evidence is kept by age (``bucketDays``-day buckets before the
/// as-of date); for windows of the last 30, 60, 90 and 120 days, the window's own evidence is read like the whole,
/// and when it shows another class than the whole, that class holds the zone from the shortest window where either
/// - the new holder's share of the window's evidence stands above its share of the evidence before the window by
///   a two-proportion z ≥ ``SurfaceParameters/changeZ`` (weights standing for counts), or
/// - the window is decisive: at least ``SurfaceParameters/changeMinEvidence`` of evidence, a share
///   ``SurfaceParameters/changeShare`` or more of it for the new holder (the former one has gone quiet).
/// A town that fell in March reads gang-held in April or May, though the months of state evidence before have not
/// faded yet (their weight halves every half-life); one retaken returns the same way.
enum ZoneEvidence {
    static let bucketDays = 30
    /// Age buckets: 0–29, 30–59, 60–89, 90–119 days before the as-of date, and older or undated.
    static let buckets = 5

    /// The age bucket of an event `age` days before the as-of date (nil: undated).
    static func bucket(age: Int?) -> Int {
        guard let age, age >= 0 else { return buckets - 1 }
        return min(buckets - 1, age / bucketDays)
    }

    /// A class index (0 gang, 1 state, 2 international, 3 self-defence), -1 contested, or nil below `minimum`, with
    /// the gang evidence and the evidence against it. `m` holds the ground layers (gang, state, international,
    /// self-defence, civic).
    static func read(_ m: [Double], theta: Double, minimum: Double) -> (state: Int, g: Double, n: Double)? {
        let g = m[0], s = m[1] + m[4], i = m[2], d = m[3], against = s + i + d, sum = g + against
        guard sum >= minimum, sum > 0 else { return nil }
        let state = g >= theta * sum ? 0 : (against >= theta * sum ? (s >= i && s >= d ? 1 : (i >= d ? 2 : 3)) : -1)
        return (state, g, against)
    }

    /// The state of each zone's uninformed cells (nil: not enough evidence). `masses` holds, per zone, per age
    /// bucket, per ground layer, the weight of the zone's evidence (`layers` per bucket).
    static func fill(masses: UnsafeMutableBufferPointer<Double>, zones: Int, layers L: Int, parameters p: SurfaceParameters) -> [Int?] {
        let ground = L - 1
        return (0..<zones).map { z -> Int? in
            func sum(_ range: Range<Int>) -> [Double] {
                (0..<ground).map { l in range.reduce(0) { $0 + masses[(z * buckets + $1) * L + l] } }
            }
            guard let whole = read(sum(0..<buckets), theta: p.theta, minimum: p.zoneMinEvidence) else { return nil }
            for w in 1..<buckets {
                guard let recent = read(sum(0..<w), theta: p.theta, minimum: p.zoneMinEvidence), recent.state >= 0, recent.state != whole.state else { continue }
                let old = sum(w..<buckets)
                let gO = old[0], nO = old[1] + old[2] + old[3] + old[4]
                let (aR, aO) = recent.state == 0 ? (recent.g, gO) : (recent.n, nO)
                let tR = recent.g + recent.n, tO = gO + nO
                let decisive = aR >= p.changeShare * tR && tR >= p.changeMinEvidence
                if decisive || significant(aR, tR, aO, tO, z: p.changeZ) { return recent.state }
            }
            return whole.state
        }
    }

    /// Whether the share aR/tR stands above aO/tO by a two-proportion z ≥ `z`.
    static func significant(_ aR: Double, _ tR: Double, _ aO: Double, _ tO: Double, z: Double) -> Bool {
        guard tR > 0, tO > 0 else { return false }
        let pooled = (aR + aO) / (tR + tO)
        let se = (pooled * (1 - pooled) * (1 / tR + 1 / tO)).squareRoot()
        return se > 0 && (aR / tR - aO / tO) / se >= z
    }
}
