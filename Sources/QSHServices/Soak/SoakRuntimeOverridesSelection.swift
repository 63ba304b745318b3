import Foundation
import QSHCore

/// Where runtime overrides come from: `--overrides FILE`, else `MM_RUNTIME_OVERRIDES_JSON`
/// (the JSON text itself), else the soak folder's `runtime_overrides.json` (a resumed soak),
/// else none.
public enum SoakRuntimeOverridesSelection {
    public static let environmentKey = "MM_RUNTIME_OVERRIDES_JSON"
    public static let fileName = "runtime_overrides.json"

    public static func resolve(
        file: String?, environment: [String: String], soakFolder: String?, workingDirectory: String
    ) throws -> SoakRuntimeOverrides {
        if let file {
            let path = Paths.absolute(file, in: workingDirectory)
            return try read(path: path, shownAs: file, option: "--overrides")
        }
        if let text = environment[environmentKey], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return try SoakRuntimeOverrides.parse(jsonText: text, source: .env, shownAs: environmentKey)
        }
        if let soakFolder {
            let path = soakFolder + "/" + fileName
            if FileManager.default.fileExists(atPath: path) { return try read(path: path, shownAs: path, option: "--resume") }
        }
        return .none
    }

    static func read(path: String, shownAs: String, option: String) throws -> SoakRuntimeOverrides {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("\(option): cannot read '\(shownAs)' (missing or not a readable file)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InvalidInputError("\(shownAs): not UTF-8 text") }
        return try SoakRuntimeOverrides.parse(jsonText: text, source: .file, shownAs: shownAs)
    }
}
