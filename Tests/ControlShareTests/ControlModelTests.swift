import ControlShare
import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport
import Zones

/// T1–T5 of docs/control-share.md on the realistic simulation (FrontSimulation); T6 is the equal-density
/// simulation of IncidentSurfaceTests.
@Suite("Control model on a realistic simulation")
struct ControlModelTests {
    static let geo = SharedData.repositoryRoot.appendingPathComponent("Geo")
    static let classifier: Result<ActorClassifier, any Error> = Result {
        ActorClassifier(table: try ActorTable(path: geo.appendingPathComponent("actors/haiti-actors.csv").path),
                        rules: try ActorRules(path: geo.appendingPathComponent("actors/acled-actor-rules.csv").path), homeCountry: "Haiti")
    }
    static let evidence: Result<EvidenceModel, any Error> = Result {
        try EvidenceModel(path: geo.appendingPathComponent("control/evidence-model.csv").path)
    }

    static func input(_ incidents: [Incident]) throws -> SurfaceInput {
        SurfaceInput.from(incidents, classifier: try classifier.get(), evidence: try evidence.get(), asOf: FrontSimulation.asOf,
                          halfLifeDays: SurfaceParameters().halfLifeDays)
    }

    static func surface(bootstrap: Int = 0, seed: UInt64 = 1) throws -> IncidentSurface {
        var p = SurfaceParameters()   // the defaults a user gets
        p.bootstrap = bootstrap
        p.seed = seed
        return try IncidentSurface(zones: [try FrontSimulation.zone.get()], parameters: p, cache: .tests)
    }

    static func gangShare(_ s: FrontSimulation.Scenario, seed: UInt64) throws -> Double {
        try surface().estimate(try input(FrontSimulation.draw(s, seed: seed)))[0].shares[ControlClass("gang")]!
    }

    @Test("T1 accuracy and T4 nulls: the gang share is within (0.25 h + 0.5 cell + 0.25 km) L/A + 0.03 of the truth")
    func accuracy() throws {
        let p = SurfaceParameters(), zone = try FrontSimulation.zone.get()
        let tolerance = (0.25 * p.bandwidthKm + 0.5 * p.cellKm + 0.25) * FrontSimulation.sideKm / zone.areaKm2 + 0.03
        var worst = 0.0
        for f in [0.0, 0.15, 0.5, 0.85, 1.0] {
            var line: [String] = []
            for seed in 1...4 as ClosedRange<UInt64> {
                let est = try Self.gangShare(.init(f: f), seed: seed)
                line.append(String(format: "%.3f", est))
                if f == 0 { #expect(est <= 0.02, "T4: f = 0 gives \(est)") }
                else if f == 1 { #expect(est >= 0.95, "T4: f = 1 gives \(est)") }
                else {
                    worst = max(worst, abs(est - f))
                    #expect(abs(est - f) <= tolerance, "T1: f = \(f), seed \(seed): estimate \(est), tolerance \(tolerance)")
                }
            }
            print("control model T1/T4: f = \(f): \(line.joined(separator: " "))")
        }
        print("control model T1: largest error \(String(format: "%.3f", worst)) (tolerance \(String(format: "%.3f", tolerance)))")
    }

    @Test("T2 raid invariance: police raids ×0, ×1, ×3 move the gang share by at most 0.03")
    func raids() throws {
        for f in [0.15, 0.5, 0.85] {
            for seed in 1...3 as ClosedRange<UInt64> {
                let shares = try [0.0, 1.0, 3.0].map { try Self.gangShare(.init(f: f, raids: $0), seed: seed) }
                print("control model T2: f = \(f), seed \(seed): raids ×0, ×1, ×3 → \(shares.map { String(format: "%.3f", $0) }.joined(separator: ", "))")
                #expect(shares.max()! - shares.min()! <= 0.03, "T2: f = \(f), seed \(seed): \(shares)")
            }
        }
    }

    @Test("T3 fringe: incursions ×3 class at most 2% of the state ground farther than 1.5 km (+ half a cell) from the front as gang")
    func fringe() throws {
        for f in [0.15, 0.5] {
            for seed in 1...4 as ClosedRange<UInt64> {
                let input = try Self.input(FrontSimulation.draw(.init(f: f, incursions: 3), seed: seed))
                let state = try Self.surface().cellStates(input)
                var far = 0, gang = 0
                var nearest = Double.infinity
                // A lattice of points every 100 m over the state ground beyond 1.5 km from the front, plus half a cell
                // (the resolution allowance of T1: a cell whose centre is within 1.5 km may reach past it).
                var x = f * FrontSimulation.sideKm + 1.5 + SurfaceParameters().cellKm / 2 + 0.05
                while x < FrontSimulation.sideKm {
                    var y = 0.05
                    while y < FrontSimulation.sideKm {
                        far += 1
                        if try state(FrontSimulation.coordinate(xKm: x, yKm: y)) == ControlClass("gang") { gang += 1; nearest = min(nearest, x - f * FrontSimulation.sideKm) }
                        y += 0.1
                    }
                    x += 0.1
                }
                print("control model T3: f = \(f), seed \(seed): \(gang) of \(far) far points classed gang")
                #expect(Double(gang) / Double(far) <= 0.02, "T3: f = \(f), seed \(seed): \(gang) of \(far) points classed gang, the nearest \(nearest) km from the front")
            }
        }
    }

    @Test("T5 interval: the 90% interval covers the dense-draw estimate in at least 6 of 8 seeds")
    func coverage() throws {
        for f in [0.5] {
            let reference = try Self.gangShare(.init(f: f, dense: 10), seed: 999)
            var covered = 0
            for seed in 1...8 as ClosedRange<UInt64> {
                let est = try Self.surface(bootstrap: 100, seed: seed).estimate(try Self.input(FrontSimulation.draw(.init(f: f), seed: seed)))[0]
                let (lo, hi) = est.interval[ControlClass("gang")]!
                if reference >= lo && reference <= hi { covered += 1 }
            }
            print("control model T5: f = \(f): dense estimate \(String(format: "%.3f", reference)), covered in \(covered)/8")
            #expect(covered >= 6, "T5: f = \(f): covered \(covered)/8")
        }
    }

    @Test("combat is its own share: raids show as active combat, not as control")
    func combatLayer() throws {
        let with = try Self.surface().estimate(try Self.input(FrontSimulation.draw(.init(f: 0.5, raids: 3), seed: 1)))[0]
        let without = try Self.surface().estimate(try Self.input(FrontSimulation.draw(.init(f: 0.5, raids: 0), seed: 1)))[0]
        #expect(with.combat > without.combat + 0.1, "\(with.combat) vs \(without.combat)")
        #expect(with.evidence > 0 && !with.isThin)
    }

    @Test("the simulated events write as an ACLED table and read back whole (INCIDENTMAP_SIM_OUT=DIR keeps them, with the zone)")
    func writesAsACLED() throws {
        let dir: URL
        if let out = ProcessInfo.processInfo.environment["INCIDENTMAP_SIM_OUT"] { dir = URL(fileURLWithPath: out) } else { dir = try SharedData.temporaryDirectory("sim") }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let zone = try FrontSimulation.zone.get()
        try GeoJSONWriter.write(FeatureCollection([Feature(id: .string("SIM"), geometry: zone.geometry,
                                                          properties: [Property("pcode", .string("SIM")), Property("name", .string("Simulated zone"))])]),
                                to: dir.appendingPathComponent("zone.geojson").path)
        for (name, scenario) in [("f050", FrontSimulation.Scenario(f: 0.5)), ("f050-raids3", .init(f: 0.5, raids: 3)), ("f050-raids0", .init(f: 0.5, raids: 0)),
                                 ("f015", .init(f: 0.15)), ("f085", .init(f: 0.85))] {
            let events = FrontSimulation.draw(scenario, seed: 1)
            let path = dir.appendingPathComponent("\(name).csv").path
            let w = try IncidentCSVWriter(sink: try AtomicFile(destination: path))
            for e in events { try w.write(e) }
            try w.finish()
            var back = 0
            let r = try IncidentSource.read(path: path) { _ in back += 1 }
            #expect(back == events.count && r.rejected == 0 && r.columnIssues.isEmpty, "\(name): \(r.columnIssues)")
        }
    }
}
