import Foundation
import GeoCore

/// Poisson counts for the seeded simulations: Knuth's product of uniforms for small means, a normal approximation
/// (Box–Muller) above `normalAbove`.
enum PoissonDraw {
    static func draw(_ mean: Double, _ rng: inout SeededGenerator, normalAbove: Double = 50) -> Int {
        if mean > normalAbove {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
            return max(0, Int((mean + sqrt(mean) * sqrt(-2 * log(u)) * cos(2 * .pi * v)).rounded()))
        }
        let l = exp(-mean)
        var k = 0, p = 1.0
        repeat { k += 1; p *= Double.random(in: 0..<1, using: &rng) } while p > l
        return k - 1
    }
}
