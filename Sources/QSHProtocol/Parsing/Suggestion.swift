/// "Did you mean ...?" for mistyped commands, subcommands and flags: the closest known word
/// by edit distance, when it is close enough to be a plausible typo.
public enum Suggestion {
    public static func closest(to typed: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, typed.count / 3))
        var best: (word: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed.lowercased(), candidate.lowercased())
            if distance <= limit, best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        if let best { return best.word }
        // A unique prefix (`--tick` for `--ticker`) is a good guess too.
        let prefixed = candidates.filter { $0.hasPrefix(typed) && typed.count >= 3 }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// `; did you mean 'X'?`, or nothing.
    public static func hint(for typed: String, among candidates: [String]) -> String {
        closest(to: typed, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance with transpositions counted as one edit (optimal string alignment).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
