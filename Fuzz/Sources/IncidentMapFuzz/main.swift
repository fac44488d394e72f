// The fuzzer's entry point. Built with `-sanitize=fuzzer,address`
// (scripts/fuzz), libFuzzer's driver is linked in; SwiftPM names this file's
// top-level code the program's `main`, so it hands control to the driver,
// which calls `incidentMapFuzzOne` with each input. Arguments are libFuzzer's
// (corpus folders, -max_total_time=…, -runs=…); FUZZ_TARGET picks the reader.
import CFuzzerDriver
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func incidentMapFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.selected.run(bytes)
    return 0
}

_ = FuzzTarget.selected  // fail fast on a missing or unknown FUZZ_TARGET
var arguments = CommandLine.argc
var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &vector) { data, size in incidentMapFuzzOne(data, size) })
