/// DBF field names: at most 10 ASCII bytes, unique, by a deterministic rule.
///
/// 1. The name is made ASCII: accents dropped (é → e), anything but letters,
///    digits and `_` becomes `_`; a name starting with a digit gets `F` before it.
/// 2. It is cut to 10 bytes.
/// 3. If that collides (case-insensitively) with a name already taken, it is
///    cut shorter and numbered: `ignition_identifier_2` → `ignition_1`,
///    … `ignitio_10` …, always within 10 bytes.
///
/// Fields are mapped in schema order, so the same schema always gives the
/// same names. The mapping is written beside the shapefile as
/// `<layer>.fields.csv` (long name, short name, type).
public enum FieldNameMapping {
    public static func shortNames(for names: [String]) -> [String] {
        var taken = Set<String>()
        var out: [String] = []
        for name in names {
            var base = ascii(name)
            if base.isEmpty { base = "field" }
            if base.first!.isNumber { base = "F" + base }
            var candidate = String(base.prefix(10))
            var n = 1
            while taken.contains(candidate.lowercased()) {
                let suffix = "_\(n)"
                candidate = String(base.prefix(10 - suffix.count)) + suffix
                n += 1
            }
            taken.insert(candidate.lowercased())
            out.append(candidate)
        }
        return out
    }

    static func ascii(_ s: String) -> String {
        var out = ""
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else {
                out.append("_")
            }
        }
        return out
    }
}

import Foundation
