import Foundation
import QSHCore

/// Which profile a soak uses: `--profile`, else `MM_PROFILE`, else S1. A value with a `/` or
/// a `.yaml`/`.yml` ending is a file; anything else is a name looked up as
/// `configs/profiles/<name>.yaml` under the working directory (S1 falls back to its built-in
/// copy when that folder is absent).
public enum SoakProfileSelection {
    public static let environmentKey = "MM_PROFILE"
    public static let folder = "configs/profiles"
    public static let defaultName = "S1"

    public static func resolve(explicit: String?, environment: [String: String], workingDirectory: String) throws -> SoakProfile {
        let (value, option): (String, String) =
            if let explicit { (explicit, "--profile") } else if let env = environment[environmentKey], !env.isEmpty {
                (env, environmentKey)
            } else { (defaultName, "--profile") }
        if isPath(value) {
            let path = Paths.absolute(value, in: workingDirectory)
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            return try SoakProfile.load(path: path, shownAs: value, name: name, option: option)
        }
        guard !value.isEmpty, value.count <= 64, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw InvalidInputError("\(option): '\(Excerpt.of(value, limit: 24))' is not a profile name (letters, digits, - or _) or a .yaml file")
        }
        let path = Paths.absolute("\(folder)/\(value).yaml", in: workingDirectory)
        if FileManager.default.fileExists(atPath: path) {
            return try SoakProfile.load(path: path, shownAs: "\(folder)/\(value).yaml", name: value, option: option)
        }
        if value == defaultName { return SoakProfile.builtInS1 }
        let known = available(workingDirectory: workingDirectory)
        throw InvalidInputError("\(option): no profile '\(value)' (known: \(known.joined(separator: ", ")); or give a .yaml file)")
    }

    /// Profile names in `configs/profiles/`, plus the built-in S1, sorted.
    public static func available(workingDirectory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Paths.absolute(folder, in: workingDirectory))) ?? []
        let profiles = names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        return Array(Set(profiles + [defaultName])).sorted()
    }

    static func isPath(_ value: String) -> Bool {
        value.contains("/") || value.hasSuffix(".yaml") || value.hasSuffix(".yml")
    }
}
