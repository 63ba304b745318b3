import Foundation
import QSHProtocol
import Testing

/// docs/cli.md carries the command tables generated from the declarations, unedited.
struct CommandReferenceDocsTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func cliDocHasTheCurrentTables() throws {
        let path = Self.packageRoot.appendingPathComponent("docs/cli.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let generated = CommandReference(registry: .standard).markdown()
        #expect(
            text.contains(generated),
            "docs/cli.md is out of date with the command declarations: run scripts/update-cli-reference")
    }
}
