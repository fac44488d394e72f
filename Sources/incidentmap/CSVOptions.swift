import ArgumentParser
import LayerIO

/// `--csv-formulas guard|keep`: whether CSV outputs neutralise text that a spreadsheet would run as a formula
/// (``CSVWriter/guardsFormulas``; docs/reliability.md). Applied when the arguments are parsed, before any writing.
struct CSVOptions: ParsableArguments {
    enum Formulas: String, ExpressibleByArgument, CaseIterable { case `guard`, keep }

    @Option(name: .customLong("csv-formulas"),
            help: ArgumentHelp("CSV outputs: 'guard' writes text starting with = + - @ (or a tab) with a leading ' so Excel and LibreOffice show it instead of running it; 'keep' writes it as it is, for programs that read the CSV.", valueName: "guard|keep"))
    var formulas: Formulas = .guard

    func validate() throws { CSVWriter.guardsFormulas = formulas == .guard }
}
