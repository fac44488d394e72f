import ArgumentParser

/// `--overwrite`: a command that writes a file (`-o FILE`) refuses to replace an existing one without it, as
/// ogr2ogr does without `-overwrite`; the old file is then replaced whole, never half-written. Standard output
/// (`-o -`) and `map`'s own output folder (which it recognises by its manifest) need no flag.
struct OverwriteOption: ParsableArguments {
    @Flag(help: "Replace the output file if it exists (without it, an existing file is left alone and the command stops before any work).")
    var overwrite = false
}
