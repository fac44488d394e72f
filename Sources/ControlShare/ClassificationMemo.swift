/// Classifications already made with one classifier in one run: an export names a few hundred actors over thousands
/// of events, and the rules and table are searched once per distinct (actor, category, country).
struct ClassificationMemo: Sendable {
    private var known: [String: ActorClassifier.Classification] = [:]

    mutating func classification(_ classifier: ActorClassifier, actor: String?, inter: Int?, country: String?) -> ActorClassifier.Classification {
        let key = (actor ?? "") + "\u{1F}" + (inter.map(String.init) ?? "") + "\u{1F}" + (country ?? "")
        if let k = known[key] { return k }
        let k = classifier.classification(actor: actor, inter: inter, country: country)
        known[key] = k
        return k
    }
}
