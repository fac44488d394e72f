@testable import ControlShare
import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport
import Zones

/// The surface runs over bins of events (same cell, class, precision) and resamples events into bin weights for
/// the bootstrap; these tests hold it to the per-event definition.
@Suite("Incident surface: bins and bootstrap")
struct SurfaceBootstrapTests {
    static func setting(bootstrap: Int) throws -> (IncidentSurface, SurfaceInput) {
        let zones = try SyntheticMaps.papCommunes().filter { ["HT0111", "HT0112", "HT0113", "HT0117"].contains($0.id) }
        let incidents = try IncidentSurfaceTests.draw(seed: 11, perKm2: 0.4, zones: zones)
        var p = SurfaceParameters()
        p.bootstrap = bootstrap
        // No cache: these tests hold the replicates themselves to their definition, never intervals read back.
        return (try IncidentSurface(zones: zones, parameters: p, cache: nil), try IncidentSurfaceTests.input(incidents, asOf: IncidentSurfaceTests.day))
    }

    @Test("an event split into two halves at the same place changes no estimate (within 1e-9)")
    func splitEvents() throws {
        let (surface, input) = try Self.setting(bootstrap: 0)
        let src = try surface.sources(input)
        #expect(src.count > 50)
        let split = src.flatMap { s in
            [IncidentSurface.Source(x: s.x, y: s.y, classIndex: s.classIndex, weight: s.weight / 2, diffuse: s.diffuse),
             IncidentSurface.Source(x: s.x, y: s.y, classIndex: s.classIndex, weight: s.weight / 2, diffuse: s.diffuse)]
        }
        let a = surface.shares(src), b = surface.shares(split)
        for (x, y) in zip(a, b) {
            for (c, v) in x.shares { #expect(abs(v - y.shares[c]!) < 1e-9) }
            #expect(abs(x.contested - y.contested) < 1e-9 && abs(x.noInformation - y.noInformation) < 1e-9)
            #expect(abs(x.evidence - y.evidence) < 1e-9 * max(1, x.evidence))
        }
        #expect(a.contains { ($0.shares[ControlClass("gang")] ?? 0) > 0.05 }, "the setting has gang ground to compare")
    }

    @Test("bootstrap intervals equal resampling the event list with the same seeded draws (each replicate its own generator)")
    func bootstrapMatchesPerEventResampling() throws {
        let replicates = 24
        let (surface, input) = try Self.setting(bootstrap: replicates)
        let estimates = try surface.estimate(input)
        let src = try surface.sources(input)
        var samples: [[ControlClass: [Double]]] = Array(repeating: [:], count: estimates.count)
        for r in 0..<replicates {
            var rng = IncidentSurface.replicateGenerator(seed: surface.parameters.seed, replicate: r)
            let resampled = (0..<src.count).map { _ in src[Int.random(in: 0..<src.count, using: &rng)] }
            for (z, e) in surface.shares(resampled).enumerated() {
                for c in surface.classes { samples[z][c, default: []].append(e.shares[c] ?? 0) }
            }
        }
        var wide = 0
        for (z, e) in estimates.enumerated() {
            for c in surface.classes {
                let s = samples[z][c]!.sorted()
                let (lo, hi) = (IncidentSurface.quantile(s, 0.05), IncidentSurface.quantile(s, 0.95))
                #expect(abs(e.interval[c]!.0 - lo) < 1e-9 && abs(e.interval[c]!.1 - hi) < 1e-9, "zone \(z) \(c): \(e.interval[c]!) against (\(lo), \(hi))")
                if hi - lo > 0.01 { wide += 1 }
            }
        }
        #expect(wide > 0, "some interval has width, so the comparison can fail")
    }

    @Test("a workspace reused for other bins and other cells decides every cell as a fresh one does")
    func workspaceReuse() throws {
        let (surface, input) = try Self.setting(bootstrap: 0)
        let src = try surface.sources(input)
        let all = SurfaceBins(src, grid: surface.grid)
        // Half the events in another order, then the first third: other bins, other active cells.
        let half = SurfaceBins(Array(src.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).reversed()), grid: surface.grid)
        let third = SurfaceBins(Array(src.prefix(src.count / 3)), grid: surface.grid)
        let shared = SurfaceWorkspace(cells: surface.grid.columns * surface.grid.rows, zones: surface.zones.count)
        var compared = 0
        // A call told to evaluate only a few cells leaves the kernel sums of the others behind: the next call with
        // other cells must not read them.
        let few = Array(surface.activeCells(all).prefix(50))
        for (bins, cells) in [(all, few), (all, nil), (half, nil), (all, nil), (third, nil), (third, few), (all, nil)] {
            let reused = surface.decide(bins, bins.weight, workspace: shared, cells: cells)
            let fresh = surface.decide(bins, bins.weight, cells: cells)
            #expect(reused.state == fresh.state && reused.combat == fresh.combat)
            compared += fresh.state.filter { $0 >= -1 }.count
        }
        #expect(compared > 100, "cells with evidence were compared")
    }

    @Test("replicate generators: reproducible, different for every replicate and seed")
    func replicateGenerators() {
        var seen = Set<UInt64>()
        for seed: UInt64 in [0, 1, 2, 42] {
            for r in 0..<500 {
                var a = IncidentSurface.replicateGenerator(seed: seed, replicate: r), b = IncidentSurface.replicateGenerator(seed: seed, replicate: r)
                let x = a.next()
                #expect(x == b.next())
                seen.insert(x)
            }
        }
        #expect(seen.count == 2_000, "no two (seed, replicate) pairs start alike")
    }
}
