import ArgumentParser
import ControlShare
import Incidents

// The library's option types, read from the command line by their raw values (ArgumentParser checks them and lists
// them in --help and in its error).
extension SummarySortKey: ExpressibleByArgument {}
extension OnError: ExpressibleByArgument {}
