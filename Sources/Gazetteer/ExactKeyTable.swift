/// Resolutions of exact and alias keys, looked up by the key's bytes: an exact lookup hashes the bytes the
/// normaliser wrote into a stack buffer and builds no `String`.
typealias ExactKeyTable = ByteKeyTable<Resolution>
