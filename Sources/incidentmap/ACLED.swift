import ACLEDPull
import ArgumentParser
import Foundation
import GeoCore
import Incidents

extension IncidentMap {
    /// `incidentmap acled …`: ACLED's API.
    struct ACLED: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acled",
            abstract: "ACLED's API: pull events into a local store and keep it current.",
            subcommands: [Pull.self]
        )

        /// `incidentmap acled pull`.
        struct Pull: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Pull ACLED events into a local ACLED-layout CSV, then keep it current: each later pull asks only for what changed.",
                discussion: """
                Logs in with OAuth (ACLED's token endpoint, password grant; the token is refreshed when it expires). Credentials: \
                ACLED_USERNAME (the account's e-mail) and ACLED_PASSWORD, or username=/password= lines in --credentials FILE \
                (default ~/.config/incidentmap/acled), which must be readable by its owner only (chmod 600); never on the command \
                line. The first pull writes every page of the query to FILE and the query and newest timestamp to FILE.pull; a \
                later pull with the same query asks for the events ACLED added or changed since then and removes those ACLED \
                deleted (its deleted endpoint). FILE is replaced whole at the end: a pull that fails part way leaves it as it was. \
                Rate limits and server errors are retried with back-off. The store is read by map, summary and export like any \
                ACLED export.
                """
            )

            @Option(help: ArgumentHelp("A country, as ACLED names it (repeatable).", valueName: "name"))
            var country: [String] = []
            @Option(help: ArgumentHelp("A country by ISO 3166-1 numeric code (repeatable).", valueName: "code"))
            var iso: [Int] = []
            @Option(help: ArgumentHelp("An ACLED region, e.g. 'Caribbean' (repeatable).", valueName: "name"))
            var region: [String] = []
            @Option(name: .customLong("start-date"), help: ArgumentHelp("First event date.", valueName: "YYYY-MM-DD"))
            var startDate: CalendarDate?
            @Option(name: .customLong("end-date"), help: ArgumentHelp("Last event date.", valueName: "YYYY-MM-DD"))
            var endDate: CalendarDate?
            @Option(name: .customLong("event-type"), help: ArgumentHelp("An ACLED event type, e.g. 'Battles' (repeatable).", valueName: "type"))
            var eventType: [String] = []
            @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The store: an ACLED-layout CSV, created or brought up to date.", valueName: "file.csv"))
            var output: String
            @Option(help: ArgumentHelp("A file of username=… and password=… lines, mode 0600.", valueName: "file"))
            var credentials: String?
            @Option(name: .customLong("api-url"), help: ArgumentHelp("ACLED's address (a mirror or a test server).", valueName: "url"))
            var apiURL = "https://acleddata.com"
            @Option(name: .customLong("page-size"), help: "Events per page (ACLED's limit is 5,000).")
            var pageSize = 5_000

            func validate() throws {
                guard !country.isEmpty || !iso.isEmpty || !region.isEmpty else {
                    throw ValidationError("say what to pull: --country, --iso or --region (ACLED's whole dataset is millions of events)")
                }
                if let startDate, let endDate, endDate < startDate { throw ValidationError("--end-date \(endDate) is before --start-date \(startDate)") }
                guard (1...5_000).contains(pageSize) else { throw ValidationError("--page-size must be 1…5000") }
                guard apiURL.hasPrefix("https://") || apiURL.hasPrefix("http://") else { throw ValidationError("--api-url is an http(s):// URL") }
                guard output.lowercased().hasSuffix(".csv") else { throw ValidationError("-o names the store, a .csv file") }
            }

            func run() throws {
                var query = ACLEDQuery()
                query.countries = country
                query.iso = iso
                query.regions = region
                query.startDate = startDate?.description
                query.endDate = endDate?.description
                query.eventTypes = eventType
                let r: ACLEDPullJob.Result
                do {
                    let account = try ACLEDCredentials.load(environment: ProcessInfo.processInfo.environment, file: credentials)
                    r = try ACLEDPullJob.run(client: ACLEDClient(base: apiURL, credentials: account), query: query, store: output, pageSize: pageSize)
                } catch let e as ACLEDError { throw PlainFailure(e.description) } catch let e as ACLEDCredentials.Problem {
                    throw PlainFailure(e.description)
                } catch let e as ACLEDStoreError { throw PlainFailure(e.description) }
                let what = r.since.map { "update since timestamp \($0): \(r.added) new, \(r.changed) changed, \(r.deleted) deleted by ACLED" }
                    ?? "first pull: \(r.added) events"
                print("acled pull: \(what) (\(r.pages) pages); \(output) holds \(r.total) events\(r.lastTimestamp.map { ", newest timestamp \($0)" } ?? "")")
            }
        }
    }
}
