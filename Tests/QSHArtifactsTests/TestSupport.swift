import Foundation
import QSHArtifacts

/// A fresh temporary folder per test, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init(_ label: String = "qshart") throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(label)-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Sorted names in the folder (or in `folder` inside it), hidden ones included.
    /// The names in the folder, sorted, without the sweep marker `commitUnique` leaves.
    func list(_ folder: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.map(file) ?? path)) ?? [])
            .filter { $0 != StagedDirectory.sweepMarker }.sorted()
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func isDirectory(_ name: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: file(name), isDirectory: &flag) && flag.boolValue
    }

    /// Writes a file with plain Foundation (not the code under test), making folders as needed.
    func write(_ name: String, _ text: String) throws {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: false, encoding: .utf8)
    }

    func makeFolder(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
    }

    /// Sets the modification date of an item, to age it.
    func setModified(_ name: String, _ date: Date) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: file(name))
    }
}

/// SplitMix64: a small deterministic generator so that generated cases and failures are
/// reproducible. The same algorithm in Python produced the expected values pasted in tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// A thread-safe counter and message log for tests that use plain threads.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var notes: [String] = []

    func add(_ note: String? = nil) {
        lock.withLock {
            count += 1
            if let note { notes.append(note) }
        }
    }

    var value: Int { lock.withLock { count } }
    var messages: [String] { lock.withLock { notes } }
}
