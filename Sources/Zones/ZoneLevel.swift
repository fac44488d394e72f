import Foundation

/// The level of a zone layer: an administrative level (`adm0`…`adm4`), a level a country profile derives
/// (`arrondissement`), a grid (`grid:5km`, `hex:2km`, `prio`) or a custom layer's own name (a file stem). An open set,
/// so a string underneath; the levels the code reasons about are the static members.
public struct ZoneLevel: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let adm0 = ZoneLevel("adm0")
    /// First-level units (departments, regions, states).
    public static let adm1 = ZoneLevel("adm1")
    /// Second-level units (communes, provinces, LGAs).
    public static let adm2 = ZoneLevel("adm2")
    /// Third-level units (sections communales, departments, wards).
    public static let adm3 = ZoneLevel("adm3")
    public static let adm4 = ZoneLevel("adm4")
    /// Arrondissements, between departments and communes (derived from the communes, ``DerivedLevel``).
    public static let arrondissement = ZoneLevel("arrondissement")
    /// Zones made of zones (`--group`, a profile's groups): summarised like any zone, never in a layer.
    public static let group = ZoneLevel("group")
    /// The cells of an incident surface, as a layer of their own.
    public static let surface = ZoneLevel("surface")

    public var description: String { rawValue }

    /// By name (a listing's order); depth is ``rank``.
    public static func < (a: ZoneLevel, b: ZoneLevel) -> Bool { a.rawValue < b.rawValue }

    /// How deep the level sits: adm0 0, departments 1, arrondissements 1.5, communes 2, sections 3, adm4 4; grids and
    /// custom layers 10 (finest, no parents).
    public var rank: Double {
        switch self {
        case .adm0: 0
        case .adm1: 1
        case .arrondissement: 1.5
        case .adm2: 2
        case .adm3: 3
        case .adm4: 4
        default: 10
        }
    }

    /// Whether the level is a grid (`grid:5km`, `hex:2km`, `prio`, in any case), which is cut to an outline.
    public var isGrid: Bool {
        ["grid:", "hex:", "prio"].contains { rawValue.lowercased().hasPrefix($0) }
    }

    /// Level names accepted on the command line beside the levels' own (in any case).
    public static let synonyms: [String: ZoneLevel] = [
        "department": .adm1, "departement": .adm1, "departments": .adm1,
        "commune": .adm2, "communes": .adm2,
        "section": .adm3, "sections": .adm3, "section-communale": .adm3,
        "arr": .arrondissement, "arrondissements": .arrondissement,
    ]

    /// The level a user's spelling names: a synonym ("commune" → adm2) or the spelling itself.
    public init(requested: String) {
        self = Self.synonyms[requested.lowercased()] ?? ZoneLevel(requested)
    }
}
