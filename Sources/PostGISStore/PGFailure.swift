/// A libpq call that failed: the server's message (or libpq's, for a connection that could not be made or was
/// lost), its SQLSTATE when the server sent one (`28P01` wrong password, `57014` statement timeout, …).
struct PGFailure: Error, CustomStringConvertible {
    let message: String
    let sqlState: String?
    /// The connection is unusable afterwards (refused, lost, never made).
    let connectionLost: Bool

    var description: String { message }
}
