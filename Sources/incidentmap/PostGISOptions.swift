import ArgumentParser

/// Where `map --to` and `export --to` write in PostGIS, beside the `postgresql://` URL each command takes: the schema
/// and whether tables whose columns differ from the layer's are recreated.
struct PostGISOptions: ParsableArguments {
    @Option(help: "With --to postgresql://…: the schema.")
    var schema: String = "public"

    @Flag(help: "With --to postgresql://…: drop and recreate tables whose columns differ from the layer's.")
    var replace = false
}
