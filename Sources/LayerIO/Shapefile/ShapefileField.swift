/// A DBF column as declared in the file.
public struct ShapefileField: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// `C`: text, width in bytes.
        case string
        /// `N` with no decimals and at most 18 digits.
        case integer
        /// `N` with decimals, or `F`.
        case double
        /// `L`: T/F/Y/N, `?` for null.
        case logical
        /// `D`: `YYYYMMDD`.
        case date
    }

    public let name: String
    public let kind: Kind
    /// Width in bytes as declared.
    public let width: Int
    public let decimals: Int
    /// The DBF type letter (`C`, `N`, `F`, `L`, `D`, …).
    public let nativeType: Character
}
