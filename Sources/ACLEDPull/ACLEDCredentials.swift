import Foundation

/// An ACLED account's username (its e-mail) and password: from the environment (`ACLED_USERNAME` or `ACLED_EMAIL`, and
/// `ACLED_PASSWORD`) or from a file only its owner can read (`username=…` and `password=…` lines, mode 0600), never
/// from the command line. The password is never printed: `description` shows the username alone.
public struct ACLEDCredentials: Sendable, CustomStringConvertible {
    public let username: String
    let password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "ACLED account \(username)" }

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case missing(file: String)
        case unreadable(file: String)
        case readableByOthers(file: String, mode: String)
        case incomplete(file: String)

        public var description: String {
            switch self {
            case let .missing(file):
                "no ACLED credentials: set ACLED_USERNAME (the account's e-mail) and ACLED_PASSWORD, or write them as username=… and password=… lines in \(file) (chmod 600)"
            case let .unreadable(file): "\(file): cannot be read"
            case let .readableByOthers(file, mode): "\(file) holds a password and is readable by others (mode \(mode)): chmod 600 \(file)"
            case let .incomplete(file): "\(file): needs a username=… (or email=…) line and a password=… line"
            }
        }
    }

    /// The default credentials file: `$XDG_CONFIG_HOME/incidentmap/acled` (else `~/.config/incidentmap/acled`).
    public static func defaultFile(environment: [String: String]) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? "") + "/.config")
        return config + "/incidentmap/acled"
    }

    /// The environment's credentials if both are set, else `file`'s (the default file when nil).
    public static func load(environment: [String: String], file: String?) throws -> ACLEDCredentials {
        let user = environment["ACLED_USERNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["ACLED_EMAIL"].flatMap { $0.isEmpty ? nil : $0 }
        if file == nil, let user, let password = environment["ACLED_PASSWORD"], !password.isEmpty {
            return ACLEDCredentials(username: user, password: password)
        }
        let path = file ?? defaultFile(environment: environment)
        var st = stat()
        guard stat(path, &st) == 0 else { throw file == nil ? Problem.missing(file: path) : Problem.unreadable(file: path) }
        if st.st_mode & 0o077 != 0 { throw Problem.readableByOthers(file: path, mode: String(st.st_mode & 0o777, radix: 8)) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Problem.unreadable(file: path) }
        var fields: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            fields[line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        guard let u = fields["username"] ?? fields["email"], !u.isEmpty, let p = fields["password"], !p.isEmpty else { throw Problem.incomplete(file: path) }
        return ACLEDCredentials(username: u, password: p)
    }
}
