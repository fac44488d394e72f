import Foundation

/// Who an actor is, and who holds the ground: the classes of the actor tables (`gang`, `state`, `international`,
/// `self_defense`, `private_security`, `civilian`, `protester`, `unknown`), the ground classes of the incident surface
/// (`gang`, `state`, `international`, `self_defense`, `civic`), and whatever class an analyst's control areas use (an
/// open set: a drawn map may say `contested` or a group's own name). A string underneath; the classes the code
/// reasons about are the static members.
public struct ControlClass: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Armed groups: the share the tool exists to estimate.
    public static let gang = ControlClass("gang")
    /// Police and army.
    public static let state = ControlClass("state")
    /// The international mission (MSS) and other foreign forces.
    public static let international = ControlClass("international")
    /// Brigades de vigilance and other self-defence groups.
    public static let selfDefense = ControlClass("self_defense")
    public static let privateSecurity = ControlClass("private_security")
    public static let civilian = ControlClass("civilian")
    public static let protester = ControlClass("protester")
    public static let unknown = ControlClass("unknown")
    /// Civic space (protests): ground evidence for no armed side, counted against gang control.
    public static let civic = ControlClass("civic")

    /// The classes an actor table may give, in the order reports list them.
    public static let actorClasses: [ControlClass] = [.gang, .state, .international, .selfDefense, .privateSecurity, .civilian, .protester,
                                                      .unknown]
    /// The classes that can hold ground (a control map's or a reported figure's).
    public static let controlling: [ControlClass] = [.gang, .state, .international, .selfDefense]
    /// The classes of the incident surface, in its order.
    public static let ground: [ControlClass] = [.gang, .state, .international, .selfDefense, .civic]

    public var description: String { rawValue }

    public static func < (a: ControlClass, b: ControlClass) -> Bool { a.rawValue < b.rawValue }
}
