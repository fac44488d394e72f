import ArgumentParser

/// How `map` and `summary` show a run on the terminal: the table's width, the progress line and the stage times.
struct RunDisplayOptions: ParsableArguments {
    @Flag(help: "The table at full width on a terminal too (by default it is fitted to the terminal: columns left out, long names cut with …).")
    var wide = false

    @Flag(name: .shortAndLong, help: "No progress line on standard error (it is drawn only when standard error is a terminal).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Say each stage's wall time on standard error as it ends, and the whole run's (terminal or not).")
    var verbose = false

    /// The progress line and stage times (`drawn`: false where the command draws none, e.g. `summary --from`).
    func progress(drawn: Bool = true) -> TerminalProgress {
        TerminalProgress(enabled: !quiet && drawn, verbose: verbose)
    }
}
